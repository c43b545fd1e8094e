package io.llmemb.devstack.registry;

import static io.llmemb.devstack.registry.RegistryJson.object;
import static io.llmemb.devstack.registry.RegistryJson.strings;
import static io.llmemb.devstack.registry.RegistryRoutes.DELETE;
import static io.llmemb.devstack.registry.RegistryRoutes.GET;
import static io.llmemb.devstack.registry.RegistryRoutes.POST;
import static io.llmemb.devstack.registry.RegistryRoutes.PUT;
import static io.llmemb.devstack.registry.RegistryRoutes.notFound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.List;

/**
 * The Confluent REST paths about rules rather than schemas: {@code /compatibility}, {@code
 * /config}, {@code /mode} and {@code /contexts}.
 */
final class ConfigRoutes {

  /** The only mode: this registry neither imports nor goes read-only. */
  static final String READWRITE = "READWRITE";

  /** Confluent's default context; this registry has no other. */
  static final String DEFAULT_CONTEXT = ".";

  private static final String COMPATIBILITY_LEVEL = "compatibilityLevel";
  private static final String DEFAULT_TO_GLOBAL = "defaultToGlobal";

  private final SchemaRegistryStore store;

  ConfigRoutes(SchemaRegistryStore store) {
    this.store = store;
  }

  JsonNode route(RegistryRequest r) {
    return switch (r.segment(0)) {
      case "compatibility" -> compatibility(r);
      case "config" -> config(r);
      case "mode" -> mode(r);
      case "contexts" -> {
        if (r.segments().size() != 1 || !GET.equals(r.method())) {
          throw notFound(r);
        }
        yield strings(List.of(DEFAULT_CONTEXT));
      }
      default -> throw notFound(r);
    };
  }

  /**
   * {@code POST /compatibility/subjects/{s}/versions[/{v}]}: without a version, the check
   * registering does.
   */
  private JsonNode compatibility(RegistryRequest r) {
    List<String> s = r.segments();
    if (!POST.equals(r.method())
        || s.size() < 4
        || s.size() > 5
        || !"subjects".equals(r.segment(1))
        || !"versions".equals(r.segment(3))) {
      throw notFound(r);
    }
    String spec = s.size() == 5 ? r.segment(4) : null;
    String schema = r.avroSchema();
    List<String> problems = store.read(q -> q.compatibilityProblems(r.segment(2), spec, schema));
    ObjectNode out = object().put("is_compatible", problems.isEmpty());
    if (r.flag("verbose")) {
      out.set("messages", strings(problems));
    }
    return out;
  }

  private JsonNode config(RegistryRequest r) {
    List<String> s = r.segments();
    if (s.size() > 2) {
      throw notFound(r);
    }
    String subject = s.size() == 2 ? r.segment(1) : null;
    return switch (r.method()) {
      case GET ->
          object()
              .put(
                  COMPATIBILITY_LEVEL,
                  store
                      .read(
                          q ->
                              subject == null
                                  ? q.globalLevel()
                                  : q.subjectLevel(subject, r.flag(DEFAULT_TO_GLOBAL)))
                      .name());
      case PUT -> {
        CompatibilityLevel level =
            CompatibilityLevels.parse(
                r.requiredText("compatibility", RegistryException.INVALID_COMPATIBILITY_LEVEL));
        store.setLevel(subject, level);
        yield object().put("compatibility", level.name());
      }
      case DELETE -> {
        if (subject == null) {
          throw notFound(r);
        }
        yield object().put(COMPATIBILITY_LEVEL, store.deleteLevel(subject).name());
      }
      default -> throw notFound(r);
    };
  }

  /**
   * {@code GET /mode[/{s}]}: always READWRITE; {@code PUT} accepts only READWRITE (42204
   * otherwise).
   */
  private JsonNode mode(RegistryRequest r) {
    List<String> s = r.segments();
    if (s.size() > 2) {
      throw notFound(r);
    }
    return switch (r.method()) {
      case GET -> {
        if (s.size() == 2 && !r.flag(DEFAULT_TO_GLOBAL)) {
          throw new RegistryException(
              404,
              RegistryException.SUBJECT_MODE_NOT_FOUND,
              "Subject '" + r.segment(1) + "' does not have subject-level mode configured");
        }
        yield object().put("mode", READWRITE);
      }
      case PUT -> {
        String mode = r.requiredText("mode", RegistryException.INVALID_MODE);
        if (!READWRITE.equalsIgnoreCase(mode)) {
          throw new RegistryException(
              422,
              RegistryException.INVALID_MODE,
              "Invalid mode '" + mode + "': this registry supports only " + READWRITE);
        }
        yield object().put("mode", READWRITE);
      }
      default -> throw notFound(r);
    };
  }
}
