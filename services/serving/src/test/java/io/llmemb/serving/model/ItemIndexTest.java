package io.llmemb.serving.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.ScoringSettings;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact top-K of {@link ItemIndex} against a brute-force sort, plus its bookkeeping. */
class ItemIndexTest {

  @Test
  void topKEqualsAFullSortAfterGrowingPastItsCapacity() {
    Random random = new Random(3);
    ItemIndex index = new ItemIndex(8);
    float[][] vectors = new float[500][8];
    for (int i = 0; i < vectors.length; i++) {
      for (int j = 0; j < 8; j++) {
        vectors[i][j] = (float) random.nextGaussian();
      }
      index.put("i" + i, vectors[i]);
    }
    float[] query = vectors[7];
    Set<String> seen = Set.of("i7", "i8");
    List<String> expected =
        java.util.stream.IntStream.range(0, vectors.length)
            .boxed()
            .filter(i -> !seen.contains("i" + i))
            .sorted((a, b) -> Float.compare(dot(query, vectors[b]), dot(query, vectors[a])))
            .limit(10)
            .map(i -> "i" + i)
            .toList();

    List<ScoredItemId> top = index.top(query, 10, seen);

    assertEquals(expected, top.stream().map(ScoredItemId::itemId).toList());
    assertEquals(
        dot(query, vectors[Integer.parseInt(expected.get(0).substring(1))]),
        top.get(0).score(),
        1e-5);
    assertEquals(500, index.size());
  }

  @Test
  void removedItemsAreSkippedUntilRestoredAndTiesKeepInsertionOrder() {
    ItemIndex index = new ItemIndex(2);
    index.put("a", new float[] {1, 0});
    index.put("b", new float[] {1, 0});
    index.put("c", new float[] {0, 1});
    assertTrue(index.remove("a"));
    assertFalse(index.contains("a"));
    assertEquals(List.of("b", "c"), ids(index.top(new float[] {1, 0}, 5, Set.of())));
    assertTrue(index.restore("a"));
    assertEquals(List.of("a", "b"), ids(index.top(new float[] {1, 0}, 2, Set.of())));
    assertEquals(List.of("b", "c"), ids(index.similar("a", 2).orElseThrow()));
    assertFalse(index.restore("never-seen"));
    assertTrue(index.similar("never-seen", 2).isEmpty());
  }

  @Test
  void switchesToTheGraphOnceItIsBuiltInTheBackgroundAndStillHonoursSeenItems()
      throws InterruptedException {
    ItemIndex index =
        new ItemIndex(8, new io.llmemb.serving.scoring.ScoringSettings(1_000, 8, 40, 50));
    Random random = new Random(4);
    for (int i = 0; i < 1_500; i++) {
      float[] v = new float[8];
      for (int j = 0; j < 8; j++) {
        v[j] = (float) random.nextGaussian();
      }
      index.put("i" + i, v);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!index.scorer().name().startsWith("ann") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(index.scorer().name().startsWith("ann"), index.scorer().name());
    float[] query = index.vector("i3").orElseThrow();
    List<String> top = ids(index.top(query, 10, List.of("i3", "i4")));
    assertEquals(10, top.size());
    assertFalse(top.contains("i3") || top.contains("i4"), top.toString());
  }

  @Test
  void bestKeepsTheFirstEntriesOfTheFullScoringTiesIncluded() {
    ItemIndex index = new ItemIndex(2);
    Random random = new Random(4);
    List<String> candidates = new java.util.ArrayList<>();
    float[] query = {0.7f, -0.4f};
    Set<String> seen = Set.of("c3", "c11");
    List<ScoredItemId> all = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // few distinct values, so many ties
      float[] v = {random.nextInt(5), random.nextInt(3)};
      index.put("c" + i, v);
      candidates.add("c" + i);
      if (i != 7 && !seen.contains("c" + i)) {
        float dot = 0f;
        dot += query[0] * v[0];
        dot += query[1] * v[1];
        all.add(new ScoredItemId("c" + i, dot));
      }
    }
    candidates.add("unknown");
    index.remove("c7");
    // The full ranking: best first, ties in the candidates' order (List.sort is stable).
    all.sort((a, b) -> Float.compare(b.score(), a.score()));
    assertEquals(57, all.size(), "60 minus a removed, two seen; the unknown id skipped");
    for (int limit : new int[] {1, 2, 5, 57, 80}) {
      assertEquals(
          all.subList(0, Math.min(limit, all.size())),
          index.best(query, candidates, seen, limit),
          "limit " + limit);
    }
    assertTrue(index.best(query, candidates, seen, 0).isEmpty());
  }

  @Test
  void refusesVectorsOfTheWrongWidth() {
    ItemIndex index = new ItemIndex(2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> index.put("x", new float[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("item x"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> index.top(new float[] {1}, 1, Set.of()));
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static List<String> ids(List<ScoredItemId> items) {
    return items.stream().map(ScoredItemId::itemId).toList();
  }

  @Test
  void aModelsItemsGoInBeforeTheGraphStartsSoNoneOfThemIsScoredOutsideIt()
      throws InterruptedException {
    ScoringSettings settings = new ScoringSettings(100, 8, 32, 32);
    int n = 400;
    int h = 4;
    List<String> ids = new java.util.ArrayList<>();
    float[] vectors = new float[n * h];
    Random random = new Random(3);
    for (int i = 0; i < n; i++) {
      ids.add("i" + i);
      // Norms grow with the row, as when a bundle lists its popular (long) items last.
      for (int j = 0; j < h; j++) {
        vectors[i * h + j] = (float) random.nextGaussian() * (1 + i / 50f);
      }
    }
    ItemIndex bulk = new ItemIndex(h, settings);
    bulk.putAll(ids, vectors);
    assertEquals(0, graphOf(bulk).overflowRows(), "every bundle row is in the graph");

    // One by one, the graph starts at the 100th row and takes its Φ from the first 100.
    ItemIndex single = new ItemIndex(h, settings);
    for (int i = 0; i < n; i++) {
      single.put(ids.get(i), java.util.Arrays.copyOfRange(vectors, i * h, (i + 1) * h));
    }
    assertTrue(graphOf(single).overflowRows() > 0);
  }

  private static AnnScorer graphOf(ItemIndex index) throws InterruptedException {
    for (int wait = 0; wait < 600 && !(index.scorer() instanceof AnnScorer); wait++) {
      Thread.sleep(50);
    }
    return (AnnScorer) index.scorer();
  }
}
