package io.llmemb.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the serdes, the services and the dev stack
 * use. Only Avro schemas without references are supported.
 *
 * <p>Every method throws a subclass of {@link io.llmemb.schemas.errors.AvroSerdeException}: {@link
 * io.llmemb.schemas.errors.RegistryUnavailableException} when the registry cannot be reached in
 * time, {@link io.llmemb.schemas.errors.SchemaNotFoundException} when a subject, version or schema
 * does not exist, {@link io.llmemb.schemas.errors.SchemaRejectedException} when a schema is
 * incompatible or invalid.
 *
 * <p>Implementations: {@link HttpSchemaRegistryClient} (a real registry), {@link
 * MockSchemaRegistryClient} (in memory, selected by a {@code mock://scope} URL), {@link
 * CachingSchemaRegistryClient} (the cache the serdes put in front of either). {@link
 * SchemaRegistryClients#create} picks one from a URL.
 */
public interface SchemaRegistryClient extends Closeable {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its global id; registering a schema the subject already has returns the existing id.
   */
  int register(String subject, Schema schema);

  /** The schema with global id {@code id} ({@code GET /schemas/ids/{id}}). */
  Schema getById(int id);

  /** The newest version under {@code subject} ({@code GET /subjects/{subject}/versions/latest}). */
  RegisteredSchema getLatest(String subject);

  /** Version {@code version} (1-based) of {@code subject}. */
  RegisteredSchema getVersion(String subject, int version);

  /**
   * Finds {@code schema} among the versions of {@code subject} without registering it ({@code POST
   * /subjects/{subject}}).
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /** All subjects ({@code GET /subjects}). */
  List<String> subjects();

  /**
   * Version numbers of {@code subject}, oldest first ({@code GET /subjects/{subject}/versions}).
   */
  List<Integer> versions(String subject);

  /**
   * Whether {@code schema} could be registered under {@code subject} with the subject's
   * compatibility level ({@code POST /compatibility/subjects/{subject}/versions}, every version a
   * transitive level covers); true for a subject with no versions.
   */
  boolean testCompatibility(String subject, Schema schema);

  /** Compatibility level of {@code subject}, falling back to the global level when it has none. */
  CompatibilityLevel compatibility(String subject);

  /** The global compatibility level ({@code GET /config}). */
  CompatibilityLevel globalCompatibility();

  /** Sets the compatibility level of {@code subject} ({@code PUT /config/{subject}}). */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** Sets the global compatibility level ({@code PUT /config}). */
  void setGlobalCompatibility(CompatibilityLevel level);

  /** Releases connections; never throws (no checked exception). */
  @Override
  void close();
}
