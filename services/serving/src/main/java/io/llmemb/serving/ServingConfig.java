package io.llmemb.serving;

import io.llmemb.serving.scoring.ScoringSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code llmemb.serving.*} from {@code application.yml} (each key has an environment override there: TOP_K,
 * MAX_SEQ_LEN, MODEL_STORE, STATE_DIR, ...).
 */
@ConfigurationProperties("llmemb.serving")
public class ServingConfig {

  /** Default of {@link #getTopK()}. */
  public static final int DEFAULT_TOP_K = 10;
  /** Default of {@link #getMaxSeqLen()} (the paper's max_len). */
  public static final int DEFAULT_MAX_SEQ_LEN = 200;
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
  private Map<String, String> streams = new HashMap<>();
  private int annMinItems = ScoringSettings.DEFAULT.annMinItems();
  private int annSearchBeam = ScoringSettings.DEFAULT.searchBeam();

  /**
   * Catalogue size from which top-K uses the graph index instead of an exact scan; default 200,000 (see
   * {@link ScoringSettings}).
   */
  public int getAnnMinItems() {
    return annMinItems;
  }

  /** See {@link #getAnnMinItems()}. */
  public void setAnnMinItems(int annMinItems) {
    this.annMinItems = annMinItems;
  }

  /** Candidates the graph search considers per query (efSearch); default 400 (see {@link ScoringSettings}). */
  public int getAnnSearchBeam() {
    return annSearchBeam;
  }

  /** See {@link #getAnnSearchBeam()}. */
  public void setAnnSearchBeam(int annSearchBeam) {
    this.annSearchBeam = annSearchBeam;
  }

  /** The scoring settings these properties describe. */
  public ScoringSettings scoringSettings() {
    ScoringSettings d = ScoringSettings.DEFAULT;
    return new ScoringSettings(annMinItems, d.maxDegree(), d.buildBeam(), annSearchBeam);
  }

  /** Kafka Streams application.id (consumer group and internal topic prefix); default {@value #DEFAULT_APPLICATION_ID}. */
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

  /** {@code host:port} other instances reach this one's REST API at; blank means localhost and the HTTP port. */
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

  /** Further Kafka Streams properties, passed as they are (override the defaults this service sets). */
  public Map<String, String> getStreams() {
    return streams;
  }

  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }
}
