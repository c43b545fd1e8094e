package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's in-memory view, rebuilt from {@code _schemas} on start and updated only after a write is acked.
 * Not thread-safe: {@link SchemaRegistryStore} serializes access.
 */
final class RegistryState {

  private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectConfigs = new HashMap<>();
  private CompatibilityLevel globalConfig;
  private int maxId;

  void apply(SchemaVersion v) {
    subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
    schemasById.put(v.id(), v.schema());
    idsBySchema.putIfAbsent(v.schema(), v.id());
    maxId = Math.max(maxId, v.id());
  }

  /** A tombstone for a version removes it (hard delete); its id stays resolvable like Confluent's. */
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

  Optional<String> schemaById(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** Live (not soft-deleted) versions of a subject, oldest first; empty when unknown or all deleted. */
  List<SchemaVersion> liveVersions(String subject) {
    List<SchemaVersion> live = new ArrayList<>();
    for (SchemaVersion v : subjects.getOrDefault(subject, new TreeMap<>()).values()) {
      if (!v.deleted()) {
        live.add(v);
      }
    }
    return live;
  }

  /** Highest version ever used by a subject, deleted ones included (Confluent never reuses versions). */
  int maxVersion(String subject) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** Subjects with at least one live version, sorted. */
  List<String> liveSubjects() {
    return subjects.keySet().stream().filter(s -> !liveVersions(s).isEmpty()).toList();
  }

  /** Every (subject, version) that registered schema {@code id}, live ones only. */
  List<SchemaVersion> versionsWithId(int id) {
    List<SchemaVersion> out = new ArrayList<>();
    subjects.values().forEach(vs -> vs.values().stream().filter(v -> v.id() == id && !v.deleted()).forEach(out::add));
    return out;
  }

  Optional<CompatibilityLevel> subjectConfig(String subject) {
    return Optional.ofNullable(subjectConfigs.get(subject));
  }

  CompatibilityLevel globalConfig() {
    return globalConfig == null ? CompatibilityLevels.DEFAULT : globalConfig;
  }
}
