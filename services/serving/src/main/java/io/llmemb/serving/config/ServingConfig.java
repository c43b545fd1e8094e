package io.llmemb.serving.config;

import io.llmemb.eval.ExposurePolicy;
import io.llmemb.serving.model.ItemAges;
import io.llmemb.serving.scoring.ScoringSettings;
import io.llmemb.serving.topology.ServingSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code llmemb.serving.*} from {@code application.yml} (each key has an environment override
 * there: TOP_K, MAX_SEQ_LEN, NEW_ITEM_SLOTS, MODEL_STORE, STATE_DIR, ...).
 */
@ConfigurationProperties("llmemb.serving")
public class ServingConfig {

  /** Default of {@link #getTopK()}. */
  public static final int DEFAULT_TOP_K = 10;

  /** Default of {@link #getMaxSeqLen()} (the paper's max_len). */
  public static final int DEFAULT_MAX_SEQ_LEN = 200;

  /**
   * Default of {@link #getMaxSeqBytes()}: 200 ids of the longest allowed length fit, with room to
   * spare.
   */
  public static final int DEFAULT_MAX_SEQ_BYTES = 64 * 1024;

  /** Default of {@link #getNewItemSlots()}. */
  public static final int DEFAULT_NEW_ITEM_SLOTS = 3;

  /** Default of {@link #getNewItemOrder()}. */
  public static final String DEFAULT_NEW_ITEM_ORDER = "content";

  /** Default of {@link #getApplicationId()}. */
  public static final String DEFAULT_APPLICATION_ID = "llmemb-serving";

  private String applicationId = DEFAULT_APPLICATION_ID;
  private int topK = DEFAULT_TOP_K;
  private int maxSeqLen = DEFAULT_MAX_SEQ_LEN;
  private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "llmemb-serving");
  private Path modelStore = Path.of("models");
  private String modelName = "";
  private String applicationServer = "";
  private int streamThreads = 1;
  private int maxSeqBytes = DEFAULT_MAX_SEQ_BYTES;
  private String groupInstanceId = "";
  private Duration sessionTimeout = Duration.ofSeconds(6);
  private Duration commitInterval = Duration.ofMillis(100);
  private int standbyReplicas = 0;
  private Duration stallTimeout = Duration.ofSeconds(60);
  private int maxThreadReplacements = 3;
  private Duration threadReplacementWindow = Duration.ofMinutes(5);
  private Map<String, String> streams = new HashMap<>();
  private int annMinItems = ScoringSettings.DEFAULT.annMinItems();
  private int annSearchBeam = ScoringSettings.DEFAULT.searchBeam();
  private int engineThreads = 1;
  private int newItemSlots = DEFAULT_NEW_ITEM_SLOTS;
  private Duration newItemMaxAge = ItemAges.DEFAULT_YOUNG_FOR;
  private String newItemOrder = DEFAULT_NEW_ITEM_ORDER;
  private int newItemContentRecent = ServingSettings.DEFAULT_CONTENT_RECENT;

  /**
   * Which young items take the exploration slots: {@code content} (the default: the best by text
   * similarity to the user's latest items, docs/llmemb-method.md §11.1) or {@code score} (the best
   * by the model's score).
   */
  public String getNewItemOrder() {
    return newItemOrder;
  }

  /** See {@link #getNewItemOrder()}. */
  public void setNewItemOrder(String newItemOrder) {
    this.newItemOrder = newItemOrder;
  }

  /** How many of the user's latest items the content order compares with; default 5. */
  public int getNewItemContentRecent() {
    return newItemContentRecent;
  }

  /** See {@link #getNewItemContentRecent()}. */
  public void setNewItemContentRecent(int newItemContentRecent) {
    this.newItemContentRecent = newItemContentRecent;
  }

  /**
   * {@link #getNewItemOrder()} parsed.
   *
   * @throws IllegalArgumentException naming the setting when it is neither score nor content
   */
  public ExposurePolicy.YoungOrder newItemOrder() {
    String v = newItemOrder == null ? "" : newItemOrder.trim().toUpperCase(Locale.ROOT);
    for (ExposurePolicy.YoungOrder o : ExposurePolicy.YoungOrder.values()) {
      if (o.name().equals(v)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "llmemb.serving.new-item-order (NEW_ITEM_ORDER) must be score or content, was '"
            + newItemOrder
            + "'");
  }

  /**
   * Entries of each recommendation list reserved for young items the current model was not trained
   * on (exploration slots); 0 turns them off; default {@value #DEFAULT_NEW_ITEM_SLOTS}.
   */
  public int getNewItemSlots() {
    return newItemSlots;
  }

  /** See {@link #getNewItemSlots()}. */
  public void setNewItemSlots(int newItemSlots) {
    this.newItemSlots = newItemSlots;
  }

  /**
   * How long after serving first indexed an item's embedding the item may take an exploration slot;
   * default 1 hour.
   */
  public Duration getNewItemMaxAge() {
    return newItemMaxAge;
  }

  /** See {@link #getNewItemMaxAge()}. */
  public void setNewItemMaxAge(Duration newItemMaxAge) {
    this.newItemMaxAge = newItemMaxAge;
  }

  /**
   * Catalogue size from which top-K uses the graph index instead of an exact scan; default 50,000
   * (see {@link ScoringSettings}).
   */
  public int getAnnMinItems() {
    return annMinItems;
  }

  /** See {@link #getAnnMinItems()}. */
  public void setAnnMinItems(int annMinItems) {
    this.annMinItems = annMinItems;
  }

  /**
   * Candidates the graph search considers per query (efSearch) at up to 100k items, widened with
   * the square root of the catalogue beyond (see {@link ScoringSettings#beamAt}); default 300.
   */
  public int getAnnSearchBeam() {
    return annSearchBeam;
  }

  /** See {@link #getAnnSearchBeam()}. */
  public void setAnnSearchBeam(int annSearchBeam) {
    this.annSearchBeam = annSearchBeam;
  }

  /**
   * PyTorch intra- and inter-op threads (model loading and new-item adaptation; users are encoded
   * in Java); default 1, so a model swap never takes every core from the stream threads.
   */
  public int getEngineThreads() {
    return engineThreads;
  }

  /** See {@link #getEngineThreads()}. */
  public void setEngineThreads(int engineThreads) {
    if (engineThreads < 1) {
      throw new IllegalArgumentException("engine-threads must be >= 1, was " + engineThreads);
    }
    this.engineThreads = engineThreads;
  }

  /** The scoring settings these properties describe. */
  public ScoringSettings scoringSettings() {
    ScoringSettings d = ScoringSettings.DEFAULT;
    return new ScoringSettings(annMinItems, d.maxDegree(), d.buildBeam(), annSearchBeam);
  }

  /**
   * Kafka Streams application.id (consumer group and internal topic prefix); default {@value
   * #DEFAULT_APPLICATION_ID}.
   */
  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  /** Items per recommendation list; default {@value #DEFAULT_TOP_K}. */
  public int getTopK() {
    return topK;
  }

  public void setTopK(int topK) {
    this.topK = topK;
  }

  /** Items kept per user; default {@value #DEFAULT_MAX_SEQ_LEN}. */
  public int getMaxSeqLen() {
    return maxSeqLen;
  }

  public void setMaxSeqLen(int maxSeqLen) {
    this.maxSeqLen = maxSeqLen;
  }

  /** Kafka Streams state directory (RocksDB stores). */
  public Path getStateDir() {
    return stateDir;
  }

  public void setStateDir(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** Directory that relative release URIs are resolved against. */
  public Path getModelStore() {
    return modelStore;
  }

  public void setModelStore(Path modelStore) {
    this.modelStore = modelStore;
  }

  /** Only releases of this model name are served; blank serves all. */
  public String getModelName() {
    return modelName;
  }

  public void setModelName(String modelName) {
    this.modelName = modelName;
  }

  /**
   * {@code host:port} other instances reach this one's REST API at; blank means localhost and the
   * HTTP port.
   */
  public String getApplicationServer() {
    return applicationServer;
  }

  public void setApplicationServer(String applicationServer) {
    this.applicationServer = applicationServer;
  }

  /** Kafka Streams stream threads; default 1. */
  public int getStreamThreads() {
    return streamThreads;
  }

  public void setStreamThreads(int streamThreads) {
    this.streamThreads = streamThreads;
  }

  /**
   * Most bytes of one user's stored sequence (UTF-8 ids plus 4 bytes each); the oldest items are
   * dropped beyond it, so no input can grow a state record past the broker's message size.
   */
  public int getMaxSeqBytes() {
    return maxSeqBytes;
  }

  public void setMaxSeqBytes(int maxSeqBytes) {
    this.maxSeqBytes = maxSeqBytes;
  }

  /**
   * Static group membership id of this instance (e.g. the pod name); blank means dynamic
   * membership. With it a restarted instance takes its partitions back at once instead of waiting
   * out the dead member's session.
   */
  public String getGroupInstanceId() {
    return groupInstanceId;
  }

  public void setGroupInstanceId(String groupInstanceId) {
    this.groupInstanceId = groupInstanceId;
  }

  /**
   * Consumer session timeout: how long a silent (crashed) instance keeps its partitions; default 6
   * s.
   */
  public Duration getSessionTimeout() {
    return sessionTimeout;
  }

  public void setSessionTimeout(Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  /**
   * Kafka Streams {@code commit.interval.ms}: under exactly-once a recommendation is visible to
   * {@code read_committed} consumers only after the transaction holding it commits, so this bounds
   * the time a list waits after it is computed; shorter means more transactions per second (each
   * commit blocks the stream thread for a round trip). Default 100 ms (the Streams default under
   * exactly-once).
   */
  public Duration getCommitInterval() {
    return commitInterval;
  }

  public void setCommitInterval(Duration commitInterval) {
    this.commitInterval = commitInterval;
  }

  /**
   * Kafka Streams {@code num.standby.replicas}: warm copies of each user-sequence store on other
   * instances.
   */
  public int getStandbyReplicas() {
    return standbyReplicas;
  }

  public void setStandbyReplicas(int standbyReplicas) {
    this.standbyReplicas = standbyReplicas;
  }

  /**
   * A partition with lag whose committed offset does not move for this long makes the instance not
   * ready.
   */
  public Duration getStallTimeout() {
    return stallTimeout;
  }

  public void setStallTimeout(Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
  }

  /**
   * Stream-thread replacements within {@link #getThreadReplacementWindow()} that make the instance
   * not ready.
   */
  public int getMaxThreadReplacements() {
    return maxThreadReplacements;
  }

  public void setMaxThreadReplacements(int maxThreadReplacements) {
    this.maxThreadReplacements = maxThreadReplacements;
  }

  /** Window of {@link #getMaxThreadReplacements()}; default 5 minutes. */
  public Duration getThreadReplacementWindow() {
    return threadReplacementWindow;
  }

  public void setThreadReplacementWindow(Duration threadReplacementWindow) {
    this.threadReplacementWindow = threadReplacementWindow;
  }

  /**
   * Further Kafka Streams properties, passed as they are (override the defaults this service sets).
   */
  public Map<String, String> getStreams() {
    return streams;
  }

  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }
}
