package io.llmemb.serving.model;

import static io.llmemb.serving.model.DotModel.item;
import static io.llmemb.serving.model.ItemVectorsTest.emb;
import static io.llmemb.serving.model.ItemVectorsTest.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.serving.metrics.ServingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveModel}: the index it starts with, the history the backbone reads, and scoring as a
 * stream thread does it ({@code index.top(model.encodeUser(history(sequence)), k, sequence)}) with
 * a {@link DotModel}, whose user vector is the mean of the history's item vectors, so every ranking
 * below can be worked out by hand.
 */
class LiveModelTest {

  @Test
  void startsWithEveryBundleItemUnderItsOwnIdAndRow() {
    DotModel model =
        model("v1", 3, item("a", 1f, 2f, 3f), item("b", 4f, 5f, 6f), item("c", 7f, 8f, 9f));

    LiveModel live = LiveModel.of("v1", model);

    assertEquals("v1", live.releaseVersion());
    assertEquals(3, live.index().hidden());
    assertEquals(3, live.index().size());
    assertArrayEquals(new float[] {1f, 2f, 3f}, live.index().vector("a").orElseThrow());
    assertArrayEquals(new float[] {4f, 5f, 6f}, live.index().vector("b").orElseThrow());
    assertArrayEquals(new float[] {7f, 8f, 9f}, live.index().vector("c").orElseThrow());
    assertEquals(1, live.internalId("a"));
    assertEquals(3, live.internalId("c"));
    assertTrue(live.inBundle("c"));
    assertFalse(live.inBundle("x"));
  }

  @Test
  void anItemIndexedAfterTheBundleIsNotTakenForABundleItem() {
    LiveModel live = LiveModel.of("v1", model("v1", 2, item("a", 1f, 0f), item("b", 0f, 1f)));

    live.index().put("late", new float[] {1f, 1f});
    live.index().remove("a");

    assertEquals(0, live.internalId("late"), "a row after the bundle's is not an internal id");
    assertFalse(live.inBundle("late"));
    assertEquals(1, live.internalId("a"), "a deleted bundle item keeps its internal id");
    assertArrayEquals(new int[] {1, 2}, live.history(List.of("a", "late", "b")));
  }

  @Test
  void theHistoryIsTheLastMaxLenItemsTheModelKnowsOldestFirst() {
    // DotModel reads at most 5 items; a=1, b=2, c=3.
    LiveModel live =
        LiveModel.of("v1", model("v1", 2, item("a", 1f, 0f), item("b", 0f, 1f), item("c", 1f, 1f)));

    assertArrayEquals(
        new int[] {3, 1, 2, 3, 1},
        live.history(List.of("a", "x", "b", "c", "a", "y", "b", "c", "a")));
    assertArrayEquals(new int[] {2, 1}, live.history(List.of("x", "b", "y", "a")));
    assertArrayEquals(new int[0], live.history(List.of("x", "y")));
    assertArrayEquals(new int[0], live.history(List.of()));
  }

  @Test
  void scoresItemsAddedAfterLoadingAndLeavesOutEverythingTheUserSaw() {
    ModelHolder holder = new ModelHolder();
    ItemVectors vectors =
        new ItemVectors(
            holder, new ServingMetrics(new SimpleMeterRegistry(), holder::indexedItems));
    // a, b lean to the first axis, c, d to the second.
    LiveModel live =
        LiveModel.of(
            "v1",
            model(
                "v1",
                2,
                item("a", 1f, 0f),
                item("b", 0.9f, 0.1f),
                item("c", 0f, 1f),
                item("d", 0.2f, 0.8f)));
    holder.swap(live);
    // Embedded after the model was loaded: scored through the adapter (DotModel: the first two
    // numbers).
    vectors.upsert("n", emb(0.95f, 0f, 5f));
    vectors.upsert("m", emb(0.99f, 0.05f, 5f));

    // The user saw a, the new item m and an item nobody knows: the backbone reads only a, so the
    // query is a's
    // vector [1, 0]; m would rank first but was seen.
    List<String> sequence = List.of("a", "m", "z");
    List<ScoredItemId> top = score(live, sequence, 3);

    assertEquals(List.of("n", "b", "d"), top.stream().map(ScoredItemId::itemId).toList());
    assertEquals(0.95f, top.get(0).score(), 1e-6);
    assertEquals(0.9f, top.get(1).score(), 1e-6);

    // Leaning the other way: c and d first, and a new item that was deleted is gone.
    vectors.upsert("k", emb(0f, 2f));
    assertEquals("k", score(live, List.of("c"), 1).get(0).itemId());
    vectors.delete("k");
    assertEquals(
        List.of("d", "b"),
        score(live, List.of("c"), 2).stream().map(ScoredItemId::itemId).toList());
  }

  /** What the recommend processor does with a user's stored sequence. */
  private static List<ScoredItemId> score(LiveModel live, List<String> sequence, int k) {
    int[] history = live.history(sequence);
    return live.index().top(live.model().encodeUser(history), k, sequence);
  }
}
