package io.llmemb.devstack.registry;

import java.util.Objects;

/**
 * One registered version of a subject, as stored in {@code _schemas}.
 *
 * @param subject subject name
 * @param version version within the subject, from 1
 * @param id global schema id, shared by every subject that registered the same canonical schema
 * @param schema canonical Avro schema text
 * @param deleted soft-deleted (kept for id lookups, hidden from subject listings)
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

  /** Validates every component. */
  public SchemaVersion {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    if (version < 1) {
      throw new IllegalArgumentException(
          "version must be >= 1, was " + version + " for subject " + subject);
    }
    if (id < 1) {
      throw new IllegalArgumentException("id must be >= 1, was " + id + " for subject " + subject);
    }
    Objects.requireNonNull(schema, "schema");
  }

  /** The same version, soft-deleted. */
  SchemaVersion asDeleted() {
    return new SchemaVersion(subject, version, id, schema, true);
  }
}
