package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations on subjects, versions, ids and compatibility configs. Every change is appended to
 * {@code _schemas}, acknowledged, and then applied by reading the topic back (like Confluent's kafkastore);
 * opening replays the whole topic, so a new instance on the same broker sees every id, and every call first reads
 * what other instances wrote. Ids are allocated without leader election, so only one instance should write at a
 * time. Methods are synchronized: writes are rare and must be ordered.
 */
public final class SchemaRegistryStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryStore.class);
  private static final String LATEST = "latest";

  private final KafkaStoreLog log;
  private final RegistryState state = new RegistryState();
  private int skippedRecords;

  private SchemaRegistryStore(KafkaStoreLog log) {
    this.log = log;
  }

  /** Connects to {@code bootstrap}, creates {@code _schemas} if needed and replays it. */
  public static SchemaRegistryStore open(String bootstrap, Duration timeout) {
    KafkaStoreLog log = new KafkaStoreLog(bootstrap, timeout);
    try {
      log.ensureTopic();
      SchemaRegistryStore store = new SchemaRegistryStore(log);
      store.log.catchUp(store::applyRecord);
      LOG.info("replayed {}: {} subjects, next id {}, {} records skipped", KafkaStoreLog.TOPIC,
          store.state.liveSubjects().size(), store.state.nextId(), store.skippedRecords);
      return store;
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private void applyRecord(String key, String value) {
    try {
      Optional<StoreRecords.Key> parsed = StoreRecords.parseKey(key);
      if (parsed.isEmpty()) {
        return;
      }
      StoreRecords.Key k = parsed.get();
      if (StoreRecords.SCHEMA.equals(k.keytype())) {
        if (value == null) {
          state.removeVersion(k.subject(), k.version());
        } else {
          state.apply(StoreRecords.parseSchemaValue(value));
        }
      } else {
        state.applyConfig(k.subject(), value == null ? null : StoreRecords.parseConfigValue(value));
      }
    } catch (RuntimeException e) {
      skippedRecords++;
      LOG.warn("skipping malformed {} record key={} value={}: {}", KafkaStoreLog.TOPIC, key, value, e.getMessage());
    }
  }

  /** Records of {@code _schemas} this instance could not decode (logged and skipped, never applied). */
  public synchronized int skippedRecords() {
    sync();
    return skippedRecords;
  }

  /** Registers {@code schemaText} under {@code subject}; returns the global id (existing one when known). */
  public synchronized int register(String subject, String schemaText) {
    sync();
    Schema schema = AvroCanonical.parse(schemaText);
    String canonical = schema.toString();
    List<SchemaVersion> live = state.liveVersions(subject);
    for (SchemaVersion v : live) {
      if (v.schema().equals(canonical)) {
        return v.id();
      }
    }
    List<String> problems = CompatibilityChecker.check(schema, parsed(live), effectiveLevel(subject));
    if (!problems.isEmpty()) {
      throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\" under "
              + effectiveLevel(subject) + ", details: " + problems);
    }
    int id = state.idOf(canonical).orElse(state.nextId());
    SchemaVersion created = new SchemaVersion(subject, state.maxVersion(subject) + 1, id, canonical, false);
    write(StoreRecords.schemaKey(subject, created.version()), StoreRecords.schemaValue(created));
    LOG.info("registered {} version {} id {}", subject, created.version(), id);
    return id;
  }

  /** The live version of {@code subject} whose schema equals {@code schemaText}. */
  public synchronized SchemaVersion lookup(String subject, String schemaText) {
    sync();
    String canonical = AvroCanonical.canonical(schemaText);
    List<SchemaVersion> live = requireSubject(subject);
    return live.stream().filter(v -> v.schema().equals(canonical)).findFirst()
        .orElseThrow(() -> RegistryException.schemaNotFound("under subject '" + subject + "'"));
  }

  /** Schema text of global id {@code id}. */
  public synchronized String schemaById(int id) {
    sync();
    return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound("id " + id));
  }

  /** Live (subject, version) pairs that use global id {@code id}. */
  public synchronized List<SchemaVersion> versionsOfId(int id) {
    sync();
    schemaById(id);
    return state.versionsWithId(id);
  }

  /** Subjects with at least one live version. */
  public synchronized List<String> subjects() {
    sync();
    return state.liveSubjects();
  }

  /** Live version numbers of {@code subject}, ascending. */
  public synchronized List<Integer> versions(String subject) {
    sync();
    return requireSubject(subject).stream().map(SchemaVersion::version).toList();
  }

  /** Version {@code spec} (a number, {@code latest} or -1) of {@code subject}. */
  public synchronized SchemaVersion version(String subject, String spec) {
    sync();
    List<SchemaVersion> live = requireSubject(subject);
    if (isLatest(spec)) {
      return live.get(live.size() - 1);
    }
    int wanted = parseVersion(spec);
    return live.stream().filter(v -> v.version() == wanted).findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(subject, spec));
  }

  /**
   * Incompatibilities of {@code schemaText} with version {@code spec} of {@code subject}; for {@code latest} the
   * subject's level decides which versions are checked (transitive levels check all, as Confluent does).
   */
  public synchronized List<String> compatibilityProblems(String subject, String spec, String schemaText) {
    sync();
    Schema candidate = AvroCanonical.parse(schemaText);
    List<SchemaVersion> against = isLatest(spec) ? requireSubject(subject) : List.of(version(subject, spec));
    return CompatibilityChecker.check(candidate, parsed(against), effectiveLevel(subject));
  }

  /** Global compatibility level. */
  public synchronized CompatibilityLevel globalLevel() {
    sync();
    return state.globalConfig();
  }

  /** Subject-level compatibility, or the global one when {@code defaultToGlobal}; else 40408 when unset. */
  public synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    sync();
    Optional<CompatibilityLevel> level = state.subjectConfig(subject);
    if (level.isEmpty() && !defaultToGlobal) {
      throw new RegistryException(404, RegistryException.SUBJECT_CONFIG_NOT_FOUND,
          "Subject '" + subject + "' does not have subject-level compatibility configured");
    }
    return level.orElse(state.globalConfig());
  }

  /** Sets the global level ({@code subject} null) or a subject's level. */
  public synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
    sync();
    write(StoreRecords.configKey(subjectOrNull), StoreRecords.configValue(level));
  }

  /** Soft-deletes every live version of {@code subject}; returns their numbers. Ids stay resolvable. */
  public synchronized List<Integer> deleteSubject(String subject) {
    sync();
    List<SchemaVersion> live = requireSubject(subject);
    for (SchemaVersion v : live) {
      write(StoreRecords.schemaKey(subject, v.version()), StoreRecords.schemaValue(v.asDeleted()));
    }
    return live.stream().map(SchemaVersion::version).toList();
  }

  /** Applies what the topic holds beyond what this instance has seen. */
  private void sync() {
    log.catchUp(this::applyRecord);
  }

  /** Appends and waits for the ack, then reads the record back so the state reflects only what Kafka has. */
  private void write(String key, String value) {
    log.append(key, value);
    sync();
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    return state.subjectConfig(subject).orElse(state.globalConfig());
  }

  private List<SchemaVersion> requireSubject(String subject) {
    List<SchemaVersion> live = state.liveVersions(subject);
    if (live.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return live;
  }

  private static List<Schema> parsed(List<SchemaVersion> versions) {
    return versions.stream().map(v -> AvroCanonical.parse(v.schema())).toList();
  }

  private static boolean isLatest(String spec) {
    return LATEST.equalsIgnoreCase(spec) || "-1".equals(spec);
  }

  private static int parseVersion(String spec) {
    try {
      int v = Integer.parseInt(spec);
      if (v < 1) {
        throw RegistryException.invalidVersion(spec);
      }
      return v;
    } catch (NumberFormatException e) {
      throw RegistryException.invalidVersion(spec);
    }
  }

  @Override
  public void close() {
    log.close();
  }
}
