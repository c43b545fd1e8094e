package io.llmemb.serving.scoring;

/**
 * How top-K is answered.
 *
 * @param annMinItems catalogue size (rows) from which a graph index is built and used; below it
 *     every query is an exact scan, which is exact and already cheap (0.8 ms of CPU at 5 * 10^4
 *     rows of width 64 with the Vector API)
 * @param maxDegree graph neighbours per node (HNSW's M): recall and memory grow with it
 * @param buildBeam candidates considered per insert (efConstruction): build time and graph quality
 *     grow with it
 * @param searchBeam candidates considered per query (efSearch), at least k: recall and latency grow
 *     with it
 */
public record ScoringSettings(int annMinItems, int maxDegree, int buildBeam, int searchBeam) {

  /**
   * Exact below 50k rows; from there M 32, build beam 200, search beam 300. Measured with {@code
   * AnnBeamSweep <n> 64 32 50,100,150,200,300,400 200} (bench/README.md) on the benchmark's
   * clustered vectors of varying norm, 500 queries, thread CPU on a 2-core machine shared with a
   * training run: recall@10 at search beam 300 was 1.000 / 1.000 / 0.998 / 0.996 at 10k / 30k / 50k
   * / 100k rows, at 176 / 260 / 352 / 489 µs per query against the exact scan's 198 / 397 / 802 /
   * 1,412 µs. Beam 200 gave 0.978 at 100k and, falling by about 0.04 per tenfold rows from 30k,
   * extrapolates below 0.95 at 1M; beam 300 lost about 0.01 per tenfold (0.99 at 1M extrapolated).
   * Build beam 100 builds 1.7 times faster (1,964 against 1,141 rows per CPU-second at 100k) but
   * needed search beam 400 for 0.98 at 100k (642 µs) and loses recall faster with size. M 16 (build
   * beam 100) gave 0.92 at 100k even at beam 400. Below 50k rows the scan costs under 1 ms and is
   * exact; from there the graph is 2.3 times faster or more.
   */
  public static final ScoringSettings DEFAULT = new ScoringSettings(50_000, 32, 200, 300);

  /** Validates every component. */
  public ScoringSettings {
    if (annMinItems < 1 || maxDegree < 2 || buildBeam < 1 || searchBeam < 1) {
      throw new IllegalArgumentException(
          "scoring settings must be positive (maxDegree >= 2): annMinItems="
              + annMinItems
              + ", maxDegree="
              + maxDegree
              + ", buildBeam="
              + buildBeam
              + ", searchBeam="
              + searchBeam);
    }
  }
}
