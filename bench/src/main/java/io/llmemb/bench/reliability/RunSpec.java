package io.llmemb.bench.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one fault-injection run is told.
 *
 * @param projectRoot holds {@code services/} with the built services
 * @param workDir broker data, model store, Streams state and service logs (state dirs survive
 *     kills)
 * @param dataDir MovieLens directory; null replays seeded synthetic interactions
 * @param events interactions to replay (good ones; poison records come on top)
 * @param rate interactions per second the replay offers (0 = as fast as the producer goes)
 * @param servingKills SIGKILLs of a serving instance (each restarted at once with the same state
 *     dir)
 * @param brokerRestarts broker stops (SIGTERM) and restarts on the same data
 * @param workerKills SIGKILLs of the embedding worker (restarted at once)
 * @param servingInstances serving JVMs in one Streams application
 * @param partitions partitions of every topic
 * @param poisonPerKind poison records injected of each {@link Poison} kind in use
 * @param embeddingPoison whether to poison {@code catalog.item_embeddings} too (every serving
 *     instance reads it)
 * @param catalogItems catalog records published during the replay, for the worker to embed
 * @param sampledUsers users whose every recommendation is recomputed by the offline reference and
 *     checked by REST
 * @param seed drives the fault moments, targets, poison and sampling
 * @param servingEnv extra serving environment (static membership, session timeout, standby
 *     replicas, ...)
 * @param recoveryTimeout longest wait for output to flow again after a fault before the next one
 *     strikes
 * @param drainQuiet after the replay, how long no new output means everything has arrived
 * @param startTimeout bound on each service start
 */
record RunSpec(
    Path projectRoot,
    Path workDir,
    Path dataDir,
    int events,
    double rate,
    int servingKills,
    int brokerRestarts,
    int workerKills,
    int servingInstances,
    int partitions,
    int poisonPerKind,
    boolean embeddingPoison,
    int catalogItems,
    int sampledUsers,
    long seed,
    Map<String, String> servingEnv,
    Duration recoveryTimeout,
    Duration drainQuiet,
    Duration startTimeout) {

  /** Recommendations per list. */
  static final int TOP_K = 10;

  /** Items serving keeps per user ({@code MAX_SEQ_LEN}); the reference uses the same window. */
  static final int MAX_SEQ_LEN = 50;

  /** Width and sequence length of the release's SASRec. */
  static final int HIDDEN = 16;

  static final int MODEL_MAX_LEN = 20;

  RunSpec {
    if (events < 1
        || servingKills < 0
        || brokerRestarts < 0
        || workerKills < 0
        || servingInstances < 1
        || partitions < 1
        || poisonPerKind < 0
        || catalogItems < 0
        || sampledUsers < 0
        || rate < 0) {
      throw new IllegalArgumentException(
          "events, instances and partitions must be >= 1, rate and counts >= 0");
    }
    servingEnv = Map.copyOf(servingEnv);
  }
}
