package io.llmemb.serving.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Age origins and the young set of {@link ItemAges}. */
class ItemAgesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final TestClock clock = new TestClock(T0);
  private final ItemAges ages = new ItemAges(clock, Duration.ofHours(1));

  @Test
  void aNewItemIsYoungUntilItsMaxAgeAndIsThenPruned() {
    ages.indexed("n", Long.MAX_VALUE);
    assertEquals(List.of("n"), ages.young());
    clock.advance(Duration.ofMinutes(59));
    assertEquals(List.of("n"), ages.young());
    assertEquals(OptionalLong.of(Duration.ofMinutes(59).toMillis()), ages.ageMs("n", ages.now()));

    clock.advance(Duration.ofMinutes(1));
    assertEquals(List.of(), ages.young(), "aged out at exactly the max age");
    assertEquals(0, ages.youngCount(), "and dropped from the young map");
    assertEquals(OptionalLong.of(Duration.ofHours(1).toMillis()), ages.ageMs("n", ages.now()));
  }

  @Test
  void theAgeCountsFromTheEarlierOfArrivalAndTheEmbeddingsCreatedAt() {
    // a restart re-reads the compacted topic: an embedding made two hours ago is not new
    ages.indexed("old", T0.minus(Duration.ofHours(2)).toEpochMilli());
    // an embedding stamped by a clock ahead of ours counts from its arrival
    ages.indexed("ahead", T0.plusSeconds(30).toEpochMilli());

    assertEquals(List.of("ahead"), ages.young());
    assertEquals(OptionalLong.of(Duration.ofHours(2).toMillis()), ages.ageMs("old", ages.now()));
    assertEquals(OptionalLong.of(0), ages.ageMs("ahead", ages.now()));
  }

  @Test
  void aLaterEmbeddingOfTheSameItemKeepsItsOrigin() {
    ages.indexed("n", Long.MAX_VALUE);
    clock.advance(Duration.ofHours(2));
    ages.indexed("n", Long.MAX_VALUE);

    assertEquals(List.of(), ages.young(), "a changed prompt does not make an item new again");
    assertEquals(OptionalLong.of(Duration.ofHours(2).toMillis()), ages.ageMs("n", ages.now()));
  }

  @Test
  void unknownItemsHaveNoAgeAndZeroMaxAgeMeansNothingIsYoung() {
    assertTrue(ages.ageMs("never", ages.now()).isEmpty());
    ItemAges none = new ItemAges(clock, Duration.ZERO);
    none.indexed("n", Long.MAX_VALUE);
    assertEquals(List.of(), none.young());
    assertThrows(IllegalArgumentException.class, () -> new ItemAges(clock, Duration.ofSeconds(-1)));
  }

  @Test
  void aYoungItemsTextVectorIsKeptWhileItIsYoungAndOnlyThen() {
    ages.indexed("n", Long.MAX_VALUE, new RawEmbedding(new float[] {3f, 4f}, "m"));
    TextVector text = ages.youngText("n").orElseThrow();
    assertEquals(0.6f, text.unit()[0], 1e-6);
    assertEquals(0.8f, text.unit()[1], 1e-6);
    // A changed prompt while young replaces it.
    ages.indexed("n", Long.MAX_VALUE, new RawEmbedding(new float[] {0f, 2f}, "m"));
    assertEquals(1f, ages.youngText("n").orElseThrow().unit()[1], 1e-6);
    // An old item never holds one, and an aged-out item lets it go.
    ages.indexed(
        "old",
        T0.minus(Duration.ofHours(2)).toEpochMilli(),
        new RawEmbedding(new float[] {1f}, "m"));
    assertTrue(ages.youngText("old").isEmpty());
    clock.advance(Duration.ofHours(1));
    ages.young();
    assertTrue(ages.youngText("n").isEmpty());
    // A vector without a direction is no text.
    ages.indexed("zero", Long.MAX_VALUE, new RawEmbedding(new float[] {0f, 0f}, "m"));
    assertEquals(List.of("zero"), ages.young());
    assertTrue(ages.youngText("zero").isEmpty());
  }
}
