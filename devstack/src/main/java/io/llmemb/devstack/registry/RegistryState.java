package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's in-memory view, rebuilt from {@code _schemas} on start and updated only after a
 * write is acked. Soft-deleted versions stay here flagged {@code deleted}; a hard delete (a
 * tombstone) removes the version. Not thread-safe: {@link SchemaRegistryStore} serializes access.
 */
final class RegistryState {

  private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectConfigs = new HashMap<>();
  private final CompatibilityLevel defaultLevel;
  private CompatibilityLevel globalConfig;
  private int maxId;

  /** {@code defaultLevel}: the global level while no global config record was written. */
  RegistryState(CompatibilityLevel defaultLevel) {
    this.defaultLevel = defaultLevel;
  }

  void apply(SchemaVersion v) {
    subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
    schemasById.put(v.id(), v.schema());
    idsBySchema.putIfAbsent(v.schema(), v.id());
    maxId = Math.max(maxId, v.id());
  }

  /**
   * A tombstone removes the version (hard delete). The schema keeps its id, so registering it again
   * anywhere gets the same id back, and ids are never handed out twice.
   */
  void removeVersion(String subject, int version) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions != null) {
      versions.remove(version);
      if (versions.isEmpty()) {
        subjects.remove(subject);
      }
    }
  }

  void applyConfig(String subjectOrNull, CompatibilityLevel levelOrNull) {
    if (subjectOrNull == null) {
      globalConfig = levelOrNull;
    } else if (levelOrNull == null) {
      subjectConfigs.remove(subjectOrNull);
    } else {
      subjectConfigs.put(subjectOrNull, levelOrNull);
    }
  }

  int nextId() {
    return maxId + 1;
  }

  Optional<Integer> idOf(String canonicalSchema) {
    return Optional.ofNullable(idsBySchema.get(canonicalSchema));
  }

  /** Schema of {@code id} while some version (soft-deleted ones included) still uses it. */
  Optional<String> schemaById(int id) {
    return versionsWithId(id, true).isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(schemasById.get(id));
  }

  /** Versions of a subject, oldest first, soft-deleted ones only when {@code includeDeleted}. */
  List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    List<SchemaVersion> out = new ArrayList<>();
    for (SchemaVersion v : subjects.getOrDefault(subject, new TreeMap<>()).values()) {
      if (includeDeleted || !v.deleted()) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Live (not soft-deleted) versions of a subject, oldest first; empty when unknown or all deleted.
   */
  List<SchemaVersion> liveVersions(String subject) {
    return versions(subject, false);
  }

  /**
   * Highest version a subject holds, soft-deleted ones included: versions continue after a soft
   * delete and start again from 1 once every version was hard-deleted, as in Confluent's registry.
   */
  int maxVersion(String subject) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  /**
   * Subjects, sorted: those with a live version, or also those whose versions are all soft-deleted.
   */
  List<String> subjects(boolean includeDeleted) {
    return subjects.keySet().stream().filter(s -> !versions(s, includeDeleted).isEmpty()).toList();
  }

  /** Every (subject, version) that uses schema {@code id}, sorted by subject then version. */
  List<SchemaVersion> versionsWithId(int id, boolean includeDeleted) {
    List<SchemaVersion> out = new ArrayList<>();
    subjects
        .values()
        .forEach(
            vs ->
                vs.values().stream()
                    .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                    .forEach(out::add));
    return out;
  }

  Optional<CompatibilityLevel> subjectConfig(String subject) {
    return Optional.ofNullable(subjectConfigs.get(subject));
  }

  CompatibilityLevel globalConfig() {
    return globalConfig == null ? defaultLevel : globalConfig;
  }
}
