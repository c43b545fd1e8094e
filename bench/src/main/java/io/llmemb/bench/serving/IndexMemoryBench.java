package io.llmemb.bench.serving;

import io.llmemb.serving.model.ItemIndex;
import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScoringSettings;
import java.util.Locale;
import java.util.Random;

/**
 * Heap bytes per item of serving's item index (vectors, ids, id-to-row map, flags) at H 64,
 * measured as the heap growth across filling it after full GCs, and the graph index's bytes per
 * item at a size where it is built here: the heap growth across building it (the rows exist before)
 * beside JVector's own estimate. Arguments: {@code [items] [graph items]}; defaults {@code 1000000
 * 50000}.
 */
public final class IndexMemoryBench {

  private IndexMemoryBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int graphN = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    long before = usedAfterGc();
    ItemIndex index = new ItemIndex(64, new ScoringSettings(Integer.MAX_VALUE, 32, 100, 100));
    Random random = new Random(1);
    float[] v = new float[64];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 64; j++) {
        v[j] = (float) random.nextGaussian();
      }
      index.put(Integer.toString(100_000_000 + i), v); // ids of the width real catalogues use
    }
    long after = usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "index of %d items, H 64: %.0f heap bytes per item (vectors alone: 256)%n",
        n,
        (after - before) / (double) n);
    if (index.size() != n) {
      throw new IllegalStateException("index holds " + index.size());
    }
    ItemRows rows = SyntheticVectors.rows(graphN, 64, 1);
    long beforeGraph = usedAfterGc();
    AnnScorer ann = AnnScorer.buildNow(rows, ScoringSettings.DEFAULT);
    long afterGraph = usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "graph of %d items, M %d: %.0f heap bytes per item (JVector's estimate %.0f)%n",
        graphN,
        ScoringSettings.DEFAULT.maxDegree(),
        (afterGraph - beforeGraph) / (double) graphN,
        ann.graphBytes() / (double) graphN);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
