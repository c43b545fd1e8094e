package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityChecker;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations on subjects, versions, ids and compatibility configs. Every change is
 * appended to {@code _schemas}, acknowledged, and then applied by reading the topic back (like
 * Confluent's kafkastore); opening replays the whole topic, so a new instance on the same broker
 * sees every id, and every call first reads what other instances wrote. Ids are allocated without
 * leader election, so only one instance should write at a time. Methods are synchronized: writes
 * are rare and must be ordered. Reads that list things are in {@link RegistryQueries}; the delete
 * rules are in {@link Deletions}.
 */
public final class SchemaRegistryStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryStore.class);

  private final KafkaStoreLog log;
  private final RegistryState state;
  private final RegistryQueries queries;
  private int skippedRecords;

  private SchemaRegistryStore(KafkaStoreLog log, CompatibilityLevel defaultLevel) {
    this.log = log;
    this.state = new RegistryState(defaultLevel);
    this.queries = new RegistryQueries(state);
  }

  /** Connects to {@code bootstrap}, creates {@code _schemas} if needed and replays it. */
  public static SchemaRegistryStore open(String bootstrap, Duration timeout) {
    return open(RegistrySettings.of(bootstrap, "localhost", 0).withStoreTimeout(timeout));
  }

  /**
   * Connects as {@code settings} say (bootstrap servers, client security), creates the store topic
   * if needed and replays it.
   */
  public static SchemaRegistryStore open(RegistrySettings settings) {
    KafkaStoreLog log = new KafkaStoreLog(settings);
    try {
      log.ensureTopic();
      SchemaRegistryStore store = new SchemaRegistryStore(log, settings.defaultLevel());
      store.log.catchUp(store::applyRecord);
      LOG.info(
          "replayed {}: {} subjects, next id {}, {} records skipped",
          log.topic(),
          store.state.subjects(false).size(),
          store.state.nextId(),
          store.skippedRecords);
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
      LOG.warn(
          "skipping malformed {} record key={} value={}: {}",
          log.topic(),
          key,
          value,
          e.getMessage());
    }
  }

  /**
   * Records of {@code _schemas} this instance could not decode (logged and skipped, never applied).
   */
  public synchronized int skippedRecords() {
    sync();
    return skippedRecords;
  }

  /**
   * Runs {@code query} on the read side (lookups and listings) after catching up with {@code
   * _schemas}, under the store's lock: the state's maps are not thread-safe and the HTTP server
   * answers on several threads.
   */
  public synchronized <T> T read(Function<RegistryQueries, T> query) {
    sync();
    return query.apply(queries);
  }

  /**
   * Registers {@code schemaText} under {@code subject}; returns the global id (the existing one
   * when a live version has the schema; a soft-deleted one does not count, so the schema comes back
   * as a new version).
   */
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
    CompatibilityLevel level = queries.effectiveLevel(subject);
    List<String> problems = CompatibilityChecker.check(schema, RegistryQueries.parsed(live), level);
    if (!problems.isEmpty()) {
      throw new RegistryException(
          409,
          RegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" under "
              + level
              + ", details: "
              + problems);
    }
    int id = state.idOf(canonical).orElse(state.nextId());
    SchemaVersion created =
        new SchemaVersion(subject, state.maxVersion(subject) + 1, id, canonical, false);
    write(StoreRecords.schemaKey(subject, created.version()), StoreRecords.schemaValue(created));
    LOG.info("registered {} version {} id {}", subject, created.version(), id);
    return id;
  }

  /** Sets the global level ({@code subject} null) or a subject's level. */
  public synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
    sync();
    write(StoreRecords.configKey(subjectOrNull), StoreRecords.configValue(level));
  }

  /**
   * Removes a subject's own level (it falls back to the global one) and returns it; 40401 when it
   * had none.
   */
  public synchronized CompatibilityLevel deleteLevel(String subject) {
    sync();
    CompatibilityLevel previous =
        state.subjectConfig(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
    write(StoreRecords.configKey(subject), null);
    return previous;
  }

  /**
   * Deletes every version of {@code subject}: soft (hidden, ids still resolve; the subject's level
   * goes too) or, with {@code permanent}, hard (tombstones; only after a soft delete). Returns the
   * version numbers deleted.
   */
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    sync();
    Deletions.Plan plan = Deletions.subject(state, subject, permanent);
    plan.apply(this::write);
    if (!permanent && state.subjectConfig(subject).isPresent()) {
      write(StoreRecords.configKey(subject), null);
    }
    return plan.versions();
  }

  /**
   * Deletes one version ({@code latest} and -1 name the newest), soft or, after a soft delete,
   * hard.
   */
  public synchronized int deleteVersion(String subject, String spec, boolean permanent) {
    sync();
    Deletions.Plan plan = Deletions.version(state, subject, spec, permanent);
    plan.apply(this::write);
    return plan.versions().get(0);
  }

  /** Applies what the topic holds beyond what this instance has seen. */
  private void sync() {
    log.catchUp(this::applyRecord);
  }

  /**
   * Appends and waits for the ack, then reads the record back so the state reflects only what Kafka
   * has.
   */
  private void write(String key, String valueOrNull) {
    log.append(key, valueOrNull);
    sync();
  }

  @Override
  public void close() {
    log.close();
  }
}
