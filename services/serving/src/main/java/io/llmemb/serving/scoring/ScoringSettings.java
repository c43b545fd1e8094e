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
 * @param searchBeam candidates considered per query (efSearch) at up to {@link
 *     #BEAM_REFERENCE_ROWS} rows, at least k: recall and latency grow with it; larger catalogues
 *     search a wider beam ({@link #beamAt})
 */
public record ScoringSettings(int annMinItems, int maxDegree, int buildBeam, int searchBeam) {

  /**
   * Exact below 50k rows; from there M 32, build beam 200, search beam 300 at 100k rows. Measured
   * with {@code AnnBeamSweep <n> 64 32 <beams> 200} (bench/README.md) on the benchmark's clustered
   * vectors of varying norm, 500 queries, thread CPU on a 2-core machine: recall@10 at search beam
   * 300 was 1.000 / 1.000 / 0.998 / 0.996 at 10k / 30k / 50k / 100k rows, at 176 / 260 / 352 / 489
   * µs per query against the exact scan's 198 / 397 / 802 / 1,412 µs. Build beam 100 builds faster
   * but needed search beam 400 for 0.98 at 100k; M 16 (build beam 100) gave 0.92 at 100k even at
   * beam 400; build beam 400 gained 0.006 at 300k. Below 50k rows the scan costs under 1 ms and is
   * exact; from there the graph is 2.3 times faster or more.
   */
  public static final ScoringSettings DEFAULT = new ScoringSettings(50_000, 32, 200, 300);

  /**
   * Catalogue size {@link #searchBeam()} holds for; beyond it {@link #beamAt} widens the beam with
   * the square root of the size.
   */
  public static final int BEAM_REFERENCE_ROWS = 100_000;

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

  /**
   * The search beam for a graph of {@code rows} rows: {@link #searchBeam()} up to {@link
   * #BEAM_REFERENCE_ROWS}, then {@code searchBeam * sqrt(rows / BEAM_REFERENCE_ROWS)} (949 at 1M
   * with the default 300). A fixed beam loses recall as the graph grows: at beam 300 recall@10 fell
   * from 0.996 at 100k to 0.972 at 300k and 0.804 at 1M rows, while beams 500 at 300k and 800 /
   * 1,200 at 1M gave 0.990 and 0.938 / 0.978 (AnnBeamSweep, bench/README.md).
   */
  public int beamAt(int rows) {
    if (rows <= BEAM_REFERENCE_ROWS) {
      return searchBeam;
    }
    return (int) Math.ceil(searchBeam * Math.sqrt(rows / (double) BEAM_REFERENCE_ROWS));
  }
}
