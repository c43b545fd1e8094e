package io.llmemb.serving.scoring;

/**
 * How top-K is answered.
 *
 * @param annMinItems catalogue size (rows) from which a graph index is built and used; below it
 *     every query is an exact scan, which is exact and already fast (well under a millisecond at
 *     10^5 rows with the Vector API)
 * @param maxDegree graph neighbours per node (HNSW's M): recall and memory grow with it
 * @param buildBeam candidates considered per insert (efConstruction): build time and graph quality
 *     grow with it
 * @param searchBeam candidates considered per query (efSearch), at least k: recall and latency grow
 *     with it
 */
public record ScoringSettings(int annMinItems, int maxDegree, int buildBeam, int searchBeam) {

  /**
   * Exact up to 200k rows; M 32, build beam 100, search beam 400. On the benchmark's clustered
   * vectors of varying norm (bench/README.md), at 10k x 64 M 16 gave recall@10 0.74 at search beam
   * 100 and M 32 0.99; at 30k x 64 with M 32, beams 100 / 400 / 800 gave 0.93 / 0.96 / 0.98; at
   * 100k they gave only 0.71 / 0.77 / 0.82, so past that size the graph's build settings, not the
   * beam, limit recall (README, Performance).
   */
  public static final ScoringSettings DEFAULT = new ScoringSettings(200_000, 32, 100, 400);

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
