package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.Interaction;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A few items without an embedding are left out with their interactions; many mean "wait". */
class EmbeddedItemsFilterTest {

  private static final List<String> ITEMS = IntStream.range(0, 40).mapToObj(i -> "i" + i).toList();

  @Test
  void everyItemEmbeddedKeepsEverything() {
    List<Interaction> log = log(ITEMS);
    EmbeddedItemsFilter.Train train =
        assertInstanceOf(
            EmbeddedItemsFilter.Train.class,
            new EmbeddedItemsFilter(0.05).decide(log, ITEMS, embedded(ITEMS)));
    assertEquals(log, train.interactions());
    assertEquals(List.of(), train.excludedItems());
  }

  @Test
  void aFewMissingItemsAreLeftOutWithTheirInteractions() {
    List<String> withStray = new ArrayList<>(ITEMS);
    withStray.add("no-such-item-777");
    List<Interaction> log = log(withStray);
    EmbeddedItemsFilter.Train train =
        assertInstanceOf(
            EmbeddedItemsFilter.Train.class,
            new EmbeddedItemsFilter(0.05).decide(log, withStray, embedded(ITEMS)));
    assertEquals(List.of("no-such-item-777"), train.excludedItems());
    assertEquals(2, train.excludedInteractions());
    assertEquals(log.size() - 2, train.interactions().size());
    assertTrue(train.interactions().stream().noneMatch(i -> i.itemId().equals("no-such-item-777")));
  }

  @Test
  void manyMissingItemsMeanWait() {
    EmbeddedItemsFilter.Wait wait =
        assertInstanceOf(
            EmbeddedItemsFilter.Wait.class,
            new EmbeddedItemsFilter(0.05)
                .decide(log(ITEMS), ITEMS, embedded(ITEMS.subList(0, 30))));
    assertEquals(10, wait.missing());
    assertTrue(wait.reason().contains("10 of 40 items (25.0%)"), wait.reason());
    // 0 tolerates nothing: one missing item is enough to wait.
    assertInstanceOf(
        EmbeddedItemsFilter.Wait.class,
        new EmbeddedItemsFilter(0).decide(log(ITEMS), ITEMS, embedded(ITEMS.subList(1, 40))));
  }

  /** Two interactions per item. */
  private static List<Interaction> log(List<String> items) {
    List<Interaction> out = new ArrayList<>();
    long t = 0;
    for (String item : items) {
      out.add(new Interaction("u1", item, ++t, null, "test", t));
      out.add(new Interaction("u2", item, ++t, null, "test", t));
    }
    return out;
  }

  private static Map<String, ItemEmbedding> embedded(List<String> items) {
    return TextFixtures.embeddings(items, "enc@1", "p1");
  }
}
