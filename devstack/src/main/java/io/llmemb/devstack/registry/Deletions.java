package io.llmemb.devstack.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Confluent's two-step deletion rules, decided on the current state before anything is written: a
 * soft delete flags versions {@code deleted} (hidden from listings, their ids still resolve), a
 * permanent one writes tombstones and is allowed only for what was soft-deleted first (40405 /
 * 40407); deleting what is already soft-deleted again is 40404 / 40406.
 */
final class Deletions {

  /**
   * The {@code _schemas} records to write (null value = tombstone) and the version numbers they
   * delete.
   */
  record Plan(List<String> keys, List<String> values, List<Integer> versions) {
    void apply(BiConsumer<String, String> write) {
      for (int i = 0; i < keys.size(); i++) {
        write.accept(keys.get(i), values.get(i));
      }
    }
  }

  private Deletions() {}

  static Plan subject(RegistryState state, String subject, boolean permanent) {
    List<SchemaVersion> all = state.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    List<SchemaVersion> live = state.liveVersions(subject);
    if (permanent && !live.isEmpty()) {
      throw RegistryException.subjectNotSoftDeleted(subject);
    }
    if (!permanent && live.isEmpty()) {
      throw RegistryException.subjectSoftDeleted(subject);
    }
    return plan(permanent ? all : live, permanent);
  }

  /**
   * {@code latest} is the newest live version for a soft delete and the newest of all for a
   * permanent one.
   */
  static Plan version(RegistryState state, String subject, String spec, boolean permanent) {
    List<SchemaVersion> all = state.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    SchemaVersion target;
    if (RegistryQueries.isLatest(spec)) {
      List<SchemaVersion> live = state.liveVersions(subject);
      target = permanent || live.isEmpty() ? all.get(all.size() - 1) : live.get(live.size() - 1);
    } else {
      int wanted = RegistryQueries.parseVersion(spec);
      target =
          all.stream()
              .filter(v -> v.version() == wanted)
              .findFirst()
              .orElseThrow(() -> RegistryException.versionNotFound(subject, spec));
    }
    if (permanent && !target.deleted()) {
      throw RegistryException.versionNotSoftDeleted(subject, target.version());
    }
    if (!permanent && target.deleted()) {
      throw RegistryException.versionSoftDeleted(subject, target.version());
    }
    return plan(List.of(target), permanent);
  }

  private static Plan plan(List<SchemaVersion> versions, boolean permanent) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (SchemaVersion v : versions) {
      keys.add(StoreRecords.schemaKey(v.subject(), v.version()));
      values.add(permanent ? null : StoreRecords.schemaValue(v.asDeleted()));
    }
    return new Plan(keys, values, versions.stream().map(SchemaVersion::version).toList());
  }
}
