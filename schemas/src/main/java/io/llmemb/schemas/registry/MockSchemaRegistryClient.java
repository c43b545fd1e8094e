package io.llmemb.schemas.registry;

import io.llmemb.schemas.errors.SchemaNotFoundException;
import io.llmemb.schemas.errors.SchemaRejectedException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * In-memory registry with the semantics of the real one that the serdes rely on: global ids shared
 * across subjects for identical schemas, 1-based versions, idempotent registration, compatibility
 * checked by {@link CompatibilityChecker} under {@link CompatibilityLevel#DEFAULT} unless set (the
 * same check and default as the dev stack's registry, so a change this accepts is one the real
 * stack accepts), and the same typed errors. Obtain one through {@link
 * MockSchemaRegistry#scope(String)} or a {@code mock://scope} URL. Thread-safe (every method is
 * synchronized; it is meant for tests).
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {

  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int NOT_FOUND_STATUS = 404;

  private final String scope;
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> idByText = new HashMap<>();
  private final Map<String, List<Integer>> subjectIds = new HashMap<>();
  private final Map<String, CompatibilityLevel> levels = new HashMap<>();
  private CompatibilityLevel global = CompatibilityLevel.DEFAULT;

  MockSchemaRegistryClient(String scope) {
    this.scope = scope;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> ids = subjectIds.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idByText.get(schema.toString());
    if (existing != null && ids.contains(existing)) {
      return existing;
    }
    if (!compatibility(subject).isCompatible(schema, newestFirst(ids))) {
      throw new SchemaRejectedException(
          "mock://"
              + scope
              + ": schema for subject "
              + subject
              + " is incompatible with its versions under "
              + compatibility(subject),
          SchemaRejectedException.INCOMPATIBLE,
          SchemaRejectedException.INCOMPATIBLE,
          null);
    }
    int id = existing != null ? existing : byId.size() + 1;
    byId.put(id, schema);
    idByText.put(schema.toString(), id);
    ids.add(id);
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new UnknownSchemaIdException(
          id, "mock://" + scope + ": schema id " + id + " is not in the registry", null);
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema getLatest(String subject) {
    List<Integer> ids = idsOf(subject);
    return getVersion(subject, ids.size());
  }

  @Override
  public synchronized RegisteredSchema getVersion(String subject, int version) {
    List<Integer> ids = idsOf(subject);
    if (version < 1 || version > ids.size()) {
      throw new SchemaNotFoundException(
          "mock://" + scope + ": subject " + subject + " has no version " + version,
          NOT_FOUND_STATUS,
          VERSION_NOT_FOUND,
          null);
    }
    int id = ids.get(version - 1);
    return new RegisteredSchema(subject, id, version, byId.get(id));
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    List<Integer> ids = idsOf(subject);
    Integer id = idByText.get(schema.toString());
    if (id == null || !ids.contains(id)) {
      throw new SchemaNotFoundException(
          "mock://"
              + scope
              + ": schema "
              + schema.getFullName()
              + " is not registered under subject "
              + subject,
          NOT_FOUND_STATUS,
          UnknownSchemaIdException.ERROR_CODE,
          null);
    }
    return new RegisteredSchema(subject, id, ids.indexOf(id) + 1, byId.get(id));
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjectIds.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    int n = idsOf(subject).size();
    List<Integer> out = new ArrayList<>(n);
    for (int v = 1; v <= n; v++) {
      out.add(v);
    }
    return out;
  }

  @Override
  public synchronized boolean testCompatibility(String subject, Schema schema) {
    return compatibility(subject)
        .isCompatible(schema, newestFirst(subjectIds.getOrDefault(subject, List.of())));
  }

  @Override
  public synchronized CompatibilityLevel compatibility(String subject) {
    return levels.getOrDefault(subject, global);
  }

  @Override
  public synchronized CompatibilityLevel globalCompatibility() {
    return global;
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    levels.put(subject, java.util.Objects.requireNonNull(level, "level"));
  }

  @Override
  public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
    global = java.util.Objects.requireNonNull(level, "level");
  }

  @Override
  public void close() {
    // The scope outlives its clients; MockSchemaRegistry.dropScope ends it.
  }

  private List<Integer> idsOf(String subject) {
    List<Integer> ids = subjectIds.get(subject);
    if (ids == null || ids.isEmpty()) {
      throw new SchemaNotFoundException(
          "mock://" + scope + ": subject " + subject + " not found",
          NOT_FOUND_STATUS,
          SUBJECT_NOT_FOUND,
          null);
    }
    return ids;
  }

  private List<Schema> newestFirst(List<Integer> ids) {
    List<Schema> out = new ArrayList<>(ids.size());
    for (int i = ids.size() - 1; i >= 0; i--) {
      out.add(byId.get(ids.get(i)));
    }
    return out;
  }
}
