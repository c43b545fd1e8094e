package io.llmemb.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches the immutable answers of another client, both ways: schema to id per subject (from {@link
 * #register} and {@link #lookup}) and id to schema (from {@link #getById} and every answer that
 * names an id). Ids and versions never change once assigned, so entries never expire; the mutable
 * answers ({@link #getLatest}, subjects, versions, compatibility) always go to the delegate.
 * Thread-safe.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final Map<String, Map<Schema, RegisteredSchema>> bySubject = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> registered = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

  /** Caches the answers of {@code delegate}; closing this closes it. */
  public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = registered.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer id = ids.get(schema);
    if (id == null) {
      id = delegate.register(subject, schema);
      ids.put(schema, id);
      byId.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      schema = delegate.getById(id);
      byId.put(id, schema);
    }
    return schema;
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    return remember(delegate.getLatest(subject));
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    return remember(delegate.getVersion(subject, version));
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    Map<Schema, RegisteredSchema> known =
        bySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    RegisteredSchema found = known.get(schema);
    if (found == null) {
      found = remember(delegate.lookup(subject, schema));
      known.put(schema, found);
    }
    return found;
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(String subject) {
    return delegate.versions(subject);
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return delegate.compatibility(subject);
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return delegate.globalCompatibility();
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    delegate.setGlobalCompatibility(level);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private RegisteredSchema remember(RegisteredSchema r) {
    byId.putIfAbsent(r.id(), r.schema());
    return r;
  }
}
