package io.llmemb.devstack.registry;

import io.llmemb.schemas.registry.CompatibilityChecker;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The read side of the registry: lookups, listings with Confluent's filters ({@code deleted},
 * {@code deletedOnly}, {@code subjectPrefix}, {@code latestOnly}) and compatibility checks,
 * answering Confluent's error codes. Reached only through {@link SchemaRegistryStore#read}, which
 * holds the lock and has caught up with {@code _schemas}.
 */
public final class RegistryQueries {

  /** Confluent's {@code subjectPrefix} default, meaning every subject. */
  static final String ANY_SUBJECT = ":*:";

  private static final String LATEST = "latest";

  private final RegistryState state;

  RegistryQueries(RegistryState state) {
    this.state = state;
  }

  /**
   * The version of {@code subject} whose schema equals {@code schemaText}, newest first; 40401 /
   * 40403.
   */
  public SchemaVersion lookup(String subject, String schemaText, boolean includeDeleted) {
    String canonical = AvroCanonical.canonical(schemaText);
    List<SchemaVersion> versions = requireSubject(subject, includeDeleted);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).schema().equals(canonical)) {
        return versions.get(i);
      }
    }
    throw RegistryException.schemaNotFound("under subject '" + subject + "'");
  }

  /**
   * Schema text of global id {@code id}; 40403 once no version uses it any more (all hard-deleted).
   */
  public String schemaById(int id) {
    return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound("id " + id));
  }

  /** The (subject, version) pairs that use {@code id}. */
  public List<SchemaVersion> versionsOfId(int id, boolean includeDeleted) {
    schemaById(id);
    return state.versionsWithId(id, includeDeleted);
  }

  /** The subjects that use {@code id}. */
  public List<String> subjectsOfId(int id, boolean includeDeleted) {
    return versionsOfId(id, includeDeleted).stream()
        .map(SchemaVersion::subject)
        .distinct()
        .toList();
  }

  /**
   * Subjects starting with {@code prefix}: live ones, also soft-deleted ones with {@code deleted},
   * or only those whose versions are all soft-deleted with {@code deletedOnly}.
   */
  public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
    List<String> live = state.subjects(false);
    List<String> chosen =
        deletedOnly
            ? state.subjects(true).stream().filter(s -> !live.contains(s)).toList()
            : state.subjects(deleted);
    String p = prefix == null || ANY_SUBJECT.equals(prefix) ? "" : prefix;
    return chosen.stream().filter(s -> s.startsWith(p)).toList();
  }

  /**
   * Version numbers of {@code subject}, ascending, filtered like {@link #subjects}; 40401 when
   * none.
   */
  public List<Integer> versions(String subject, boolean deleted, boolean deletedOnly) {
    List<SchemaVersion> versions = requireSubject(subject, deleted || deletedOnly);
    return versions.stream()
        .filter(v -> !deletedOnly || v.deleted())
        .map(SchemaVersion::version)
        .toList();
  }

  /**
   * Version {@code spec} (a number, {@code latest} or -1) of {@code subject}; 40401 / 40402 /
   * 42202.
   */
  public SchemaVersion version(String subject, String spec, boolean includeDeleted) {
    List<SchemaVersion> versions = requireSubject(subject, includeDeleted);
    if (isLatest(spec)) {
      return versions.get(versions.size() - 1);
    }
    int wanted = parseVersion(spec);
    return versions.stream()
        .filter(v -> v.version() == wanted)
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(subject, spec));
  }

  /** Every version of the subjects {@link #subjects} lists, or only each subject's newest. */
  public List<SchemaVersion> schemas(String prefix, boolean deleted, boolean latestOnly) {
    List<SchemaVersion> out = new ArrayList<>();
    for (String subject : subjects(prefix, deleted, false)) {
      List<SchemaVersion> versions = state.versions(subject, deleted);
      out.addAll(latestOnly ? versions.subList(versions.size() - 1, versions.size()) : versions);
    }
    return out;
  }

  /**
   * Incompatibilities of {@code schemaText} under the subject's level. Without a version ({@code
   * null}) it is the check registering would do (every version for transitive levels, else the
   * latest); with one, that version alone, as Confluent does. A subject with no versions accepts
   * anything when no particular version is named (Confluent 7.2+ answers {@code is_compatible:
   * true}); a numbered version of it is 40401.
   */
  public List<String> compatibilityProblems(String subject, String specOrNull, String schemaText) {
    Schema candidate = AvroCanonical.parse(schemaText);
    CompatibilityLevel level = effectiveLevel(subject);
    List<SchemaVersion> live = state.liveVersions(subject);
    List<SchemaVersion> against;
    if (specOrNull == null) {
      against = live;
    } else if (isLatest(specOrNull)) {
      against = live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
    } else {
      against = List.of(version(subject, specOrNull, false));
    }
    return CompatibilityChecker.check(candidate, parsed(against), level);
  }

  /** Global compatibility level. */
  public CompatibilityLevel globalLevel() {
    return state.globalConfig();
  }

  /**
   * Subject-level compatibility, or the global one when {@code defaultToGlobal}; else 40408 when
   * unset.
   */
  public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> level = state.subjectConfig(subject);
    if (level.isEmpty() && !defaultToGlobal) {
      throw new RegistryException(
          404,
          RegistryException.SUBJECT_CONFIG_NOT_FOUND,
          "Subject '" + subject + "' does not have subject-level compatibility configured");
    }
    return level.orElse(state.globalConfig());
  }

  CompatibilityLevel effectiveLevel(String subject) {
    return state.subjectConfig(subject).orElse(state.globalConfig());
  }

  private List<SchemaVersion> requireSubject(String subject, boolean includeDeleted) {
    List<SchemaVersion> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  static List<Schema> parsed(List<SchemaVersion> versions) {
    return versions.stream().map(v -> AvroCanonical.parse(v.schema())).toList();
  }

  static boolean isLatest(String spec) {
    return LATEST.equalsIgnoreCase(spec) || "-1".equals(spec);
  }

  static int parseVersion(String spec) {
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
}
