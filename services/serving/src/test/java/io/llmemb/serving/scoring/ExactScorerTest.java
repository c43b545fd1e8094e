package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact scorer, with either kernel, returns what a naive sort of every admissible row returns.
 */
class ExactScorerTest {

  @ParameterizedTest
  @CsvSource({"scalar, 64", "best, 64", "scalar, 37", "best, 37", "best, 5"})
  void equalsANaiveSortAcrossChunksWithDeletesAndExclusions(String kernelName, int h) {
    DotKernel kernel = "scalar".equals(kernelName) ? new ScalarDot() : DotKernel.best();
    int n = 2 * ItemRows.CHUNK_ROWS + 123; // a partial last chunk
    float[][] vectors = RandomRows.gaussian(n, h, 11);
    ItemRows rows = RandomRows.rows(vectors);
    Set<Integer> deleted = Set.of(5, 4100, 8200);
    deleted.forEach(r -> rows.setActive("i" + r, false));
    for (int q = 0; q < 20; q++) {
      float[] query = vectors[q * 401 % n];
      int[] excluded = {q * 401 % n, 17, 4096, n - 1};
      java.util.Arrays.sort(excluded);
      Set<Integer> skip = new java.util.HashSet<>(deleted);
      IntStream.of(excluded).forEach(skip::add);
      List<Integer> expected =
          IntStream.range(0, n)
              .boxed()
              .filter(r -> !skip.contains(r))
              .sorted(Comparator.comparingDouble((Integer r) -> -RandomRows.dot(query, vectors[r])))
              .limit(10)
              .toList();

      List<ScoredRow> top = new ExactScorer(rows, kernel).top(query, 10, excluded);

      assertEquals(expected, top.stream().map(ScoredRow::row).toList(), "query " + q);
      for (ScoredRow s : top) {
        assertEquals(
            RandomRows.dot(query, vectors[s.row()]), s.score(), 1e-4, "score of row " + s.row());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "3", "10"})
  void returnsAllAdmissibleRowsWhenThereAreFewerThanK(int n) {
    ItemRows rows = RandomRows.rows(RandomRows.gaussian(n, 8, 2));
    rows.setActive("i0", false);
    assertEquals(
        n - 1, new ExactScorer(rows, DotKernel.best()).top(new float[8], 20, new int[0]).size());
  }

  @org.junit.jupiter.api.Test
  void usesTheVectorApiWhenTheJvmHasIt() {
    // Surefire starts the test JVM with the incubator module, as the service launcher does.
    assertTrue(DotKernel.best().name().startsWith("vector-api"), DotKernel.best().name());
  }
}
