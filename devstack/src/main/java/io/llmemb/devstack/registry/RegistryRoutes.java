package io.llmemb.devstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.util.List;

/**
 * Maps the Confluent Schema Registry REST paths onto {@link SchemaRegistryStore}; returns the JSON body to send
 * with HTTP 200 or throws {@link RegistryException}.
 */
final class RegistryRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GET = "GET";
  private static final String POST = "POST";
  private static final String PUT = "PUT";
  private static final String DELETE = "DELETE";

  private final SchemaRegistryStore store;

  RegistryRoutes(SchemaRegistryStore store) {
    this.store = store;
  }

  JsonNode route(RegistryRequest r) {
    List<String> s = r.segments();
    String m = r.method();
    if (s.isEmpty() && GET.equals(m)) {
      return JSON.createObjectNode();
    }
    return switch (r.segment(0)) {
      case "subjects" -> subjects(r, s, m);
      case "schemas" -> schemas(r, s, m);
      case "compatibility" -> compatibility(r, s, m);
      case "config" -> config(r, s, m);
      default -> throw notFound(r);
    };
  }

  private JsonNode subjects(RegistryRequest r, List<String> s, String m) {
    if (s.size() == 1 && GET.equals(m)) {
      return strings(store.subjects());
    }
    String subject = r.segment(1);
    if (s.size() == 2) {
      return switch (m) {
        case POST -> version(store.lookup(subject, r.avroSchema()));
        case DELETE -> ints(store.deleteSubject(subject));
        default -> throw notFound(r);
      };
    }
    if (!"versions".equals(r.segment(2))) {
      throw notFound(r);
    }
    if (s.size() == 3) {
      return switch (m) {
        case GET -> ints(store.versions(subject));
        case POST -> JSON.createObjectNode().put("id", store.register(subject, r.avroSchema()));
        default -> throw notFound(r);
      };
    }
    if (GET.equals(m) && s.size() == 4) {
      return version(store.version(subject, r.segment(3)));
    }
    if (GET.equals(m) && s.size() == 5 && "schema".equals(r.segment(4))) {
      return rawSchema(store.version(subject, r.segment(3)).schema());
    }
    throw notFound(r);
  }

  private JsonNode schemas(RegistryRequest r, List<String> s, String m) {
    if (!GET.equals(m) || s.size() < 3 || !"ids".equals(r.segment(1))) {
      throw notFound(r);
    }
    int id = parseId(r.segment(2));
    if (s.size() == 3) {
      return JSON.createObjectNode().put("schema", store.schemaById(id));
    }
    if (s.size() == 4 && "schema".equals(r.segment(3))) {
      return rawSchema(store.schemaById(id));
    }
    if (s.size() == 4 && "versions".equals(r.segment(3))) {
      ArrayNode out = JSON.createArrayNode();
      store.versionsOfId(id).forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
      return out;
    }
    throw notFound(r);
  }

  private JsonNode compatibility(RegistryRequest r, List<String> s, String m) {
    if (!POST.equals(m) || s.size() != 5 || !"subjects".equals(r.segment(1)) || !"versions".equals(r.segment(3))) {
      throw notFound(r);
    }
    List<String> problems = store.compatibilityProblems(r.segment(2), r.segment(4), r.avroSchema());
    ObjectNode out = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
    if (r.flag("verbose")) {
      out.set("messages", strings(problems));
    }
    return out;
  }

  private JsonNode config(RegistryRequest r, List<String> s, String m) {
    if (s.size() > 2) {
      throw notFound(r);
    }
    String subject = s.size() == 2 ? r.segment(1) : null;
    return switch (m) {
      case GET -> JSON.createObjectNode().put("compatibilityLevel", (subject == null ? store.globalLevel()
          : store.subjectLevel(subject, r.flag("defaultToGlobal"))).name());
      case PUT -> {
        CompatibilityLevel level = CompatibilityLevels.parse(
            r.requiredText("compatibility", RegistryException.INVALID_COMPATIBILITY_LEVEL));
        store.setLevel(subject, level);
        yield JSON.createObjectNode().put("compatibility", level.name());
      }
      default -> throw notFound(r);
    };
  }

  private static JsonNode version(SchemaVersion v) {
    return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
        .put("schema", v.schema());
  }

  /** The {@code /schema} endpoints return the schema itself, not a string holding it. */
  private static JsonNode rawSchema(String schema) {
    try {
      return JSON.readTree(schema);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(schema);
    }
  }

  private static int parseId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaNotFound("id '" + text + "'");
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode out = JSON.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  private static ArrayNode ints(List<Integer> values) {
    ArrayNode out = JSON.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  private static RegistryException notFound(RegistryRequest r) {
    return new RegistryException(404, 404, "HTTP 404 Not Found: " + r.method() + " /" + String.join("/", r.segments()));
  }
}
