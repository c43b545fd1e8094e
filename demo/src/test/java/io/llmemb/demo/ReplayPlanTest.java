package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a run replays (ReplayPlan), the brand-new items it makes (NewItems) and the records it maps
 * (CatalogRecords).
 */
class ReplayPlanTest {

  private static Interaction rating(String user, String item, long seconds) {
    return new Interaction(user, item, seconds, 4.0, "ratings.csv", seconds);
  }

  private static RawItem movie(String id, String title, List<String> genres) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("title", title);
    attrs.put("genres", genres);
    attrs.put("year", "1995");
    return new RawItem(id, attrs);
  }

  /** Ratings deliberately out of time order, over four movies; m4 is never rated. */
  private static RawDataset data() {
    Map<String, RawItem> items = new LinkedHashMap<>();
    items.put("m1", movie("m1", "Toy Story", List.of("Animation", "Comedy")));
    items.put("m2", movie("m2", "Heat", List.of("Action")));
    items.put("m3", movie("m3", "Casino", List.of("Crime", "Drama")));
    items.put("m4", movie("m4", "Unrated", List.of("Drama")));
    List<Interaction> ratings =
        List.of(
            rating("u1", "m2", 50),
            rating("u1", "m1", 10),
            rating("u2", "m1", 20),
            rating("u3", "m1", 30),
            rating("u2", "m2", 40),
            rating("u3", "m3", 60),
            rating("u4", "m3", 70),
            rating("u4", "m1", 80));
    return new RawDataset("movielens", ratings, items, new LoadReport("test"));
  }

  @Test
  void replaysTheFirstInteractionsInTimeOrderSplitAtTheWarmFraction() {
    ReplayPlan plan = ReplayPlan.of(data(), 5, 0.6, 1_000);

    assertEquals(List.of(10L, 20L, 30L), plan.warm().stream().map(Interaction::timestamp).toList());
    assertEquals(List.of(40L, 50L), plan.live().stream().map(Interaction::timestamp).toList());
  }

  @Test
  void aLimitedReplayPublishesOnlyTheItemsItsInteractionsTouch() {
    ReplayPlan plan = ReplayPlan.of(data(), 3, 1.0, 1_000);
    assertEquals(List.of("m1"), plan.items().stream().map(Item::getItemId).toList());
    assertEquals(List.of(), plan.live());
  }

  @Test
  void aFullReplayPublishesTheWholeCatalogEvenUnratedItems() {
    ReplayPlan plan = ReplayPlan.of(data(), Long.MAX_VALUE, 0.5, 1_000);
    assertEquals(
        List.of("m1", "m2", "m3", "m4"), plan.items().stream().map(Item::getItemId).toList());
    assertEquals(4, plan.warm().size());
    assertEquals(4, plan.live().size());
  }

  @Test
  void seedsAreTheMostPopularWarmItemsByDistinctUsersTiesBySmallestId() {
    ReplayPlan plan = ReplayPlan.of(data(), 6, 1.0, 1_000);
    // warm: m1 by u1,u2,u3; m2 by u1,u2; m3 by u3
    assertEquals(List.of("m1", "m2"), plan.seeds(2));
    assertEquals(
        List.of("a", "b"),
        NewItems.mostPopular(
            List.of("a:1", "b:2", "c:3", "b:1", "a:2", "c:3"),
            s -> s.split(":")[1],
            s -> s.split(":")[0],
            2),
        "c has 2 ratings but 1 user");
    assertThrows(
        IllegalArgumentException.class,
        () -> NewItems.mostPopular(List.<String>of(), s -> s, s -> s, 1));
  }

  @Test
  void aNewItemIsASequelUnderAnUnusedId() {
    ReplayPlan plan = ReplayPlan.of(data(), 6, 1.0, 1_000);
    Item sequel = plan.newItem("m1", 42);

    assertEquals("new-m1-42", sequel.getItemId());
    assertEquals("Toy Story II", sequel.getTitle());
    assertEquals(List.of("Animation", "Comedy"), sequel.getCategories());
    assertEquals(plan.item("m1").getAttributes(), sequel.getAttributes());
    assertNotEquals(plan.item("m1").getUpdatedAt(), sequel.getUpdatedAt());
    assertThrows(
        IllegalArgumentException.class, () -> plan.newItem("m4", 42), "m4 is not in this replay");
  }

  @Test
  void driversAreTheSeedsUsersMostRecentFirstEachOnceViewingItAgain() {
    ReplayPlan plan = ReplayPlan.of(data(), 8, 1.0, 1_000);
    // m1 rated by u1 (10), u2 (20), u3 (30), u4 (80)
    List<io.llmemb.schemas.avro.Interaction> drivers = plan.newItemDrivers("m1", 3);

    assertEquals(
        List.of("u4", "u3", "u2"),
        drivers.stream().map(io.llmemb.schemas.avro.Interaction::getUserId).toList());
    assertTrue(
        drivers.stream()
            .allMatch(
                d ->
                    d.getItemId().equals("m1")
                        && d.getType() == InteractionType.VIEW
                        && d.getRating() == null));
  }

  @Test
  void catalogRecordsKeepTitleCategoriesAndTheOtherAttributesInOrder() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("brand", "Acme");
    attrs.put("name", "Anvil");
    attrs.put("categories", List.of("Tools", "Heavy"));
    attrs.put("tags", List.of("iron", "classic"));
    Item item = CatalogRecords.item(new RawItem("a1", attrs), "amazon", 5_000);

    assertEquals("a1", item.getItemId());
    assertEquals("Anvil", item.getTitle());
    assertEquals("Tools", item.getCategory());
    assertEquals(List.of("Tools", "Heavy"), item.getCategories());
    assertEquals(
        List.of(new ItemAttribute("brand", "Acme"), new ItemAttribute("tags", "iron, classic")),
        item.getAttributes());
    assertEquals("amazon", item.getSource());
    assertEquals(Instant.ofEpochMilli(5_000), item.getUpdatedAt());

    Item bare = CatalogRecords.item(new RawItem("b", Map.of()), "yelp", 0);
    assertEquals("", bare.getTitle());
    assertNull(bare.getCategory());
    assertEquals(List.of(), bare.getCategories());
  }

  @Test
  void interactionRecordsTurnSecondsIntoMillisAndRatingsIntoType() {
    io.llmemb.schemas.avro.Interaction rated =
        CatalogRecords.interaction(rating("u1", "m1", 964_982_703));
    assertEquals(Instant.ofEpochSecond(964_982_703), rated.getTimestamp());
    assertEquals(InteractionType.RATE, rated.getType());
    assertEquals(4.0, rated.getRating());

    io.llmemb.schemas.avro.Interaction viewed =
        CatalogRecords.interaction(new Interaction("u1", "m1", 1, null, "f", 1));
    assertEquals(InteractionType.VIEW, viewed.getType());
    assertNull(viewed.getRating());
  }
}
