package io.llmemb.devstack.registry;

import static io.llmemb.devstack.registry.RegistryJson.JSON;
import static io.llmemb.devstack.registry.RegistryJson.ints;
import static io.llmemb.devstack.registry.RegistryJson.object;
import static io.llmemb.devstack.registry.RegistryJson.rawSchema;
import static io.llmemb.devstack.registry.RegistryJson.strings;
import static io.llmemb.devstack.registry.RegistryJson.subjectVersions;
import static io.llmemb.devstack.registry.RegistryJson.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Maps the Confluent Schema Registry REST paths of subjects and schemas onto {@link
 * SchemaRegistryStore} (config, compatibility, mode and contexts are in {@link ConfigRoutes});
 * returns the JSON body to send with HTTP 200 or throws {@link RegistryException}.
 */
final class RegistryRoutes {

  static final String GET = "GET";
  static final String POST = "POST";
  static final String PUT = "PUT";
  static final String DELETE = "DELETE";

  /** The only schema type this registry stores; JSON Schema and Protobuf are refused with 42201. */
  static final String AVRO = "AVRO";

  private static final String DELETED = "deleted";
  private static final String DELETED_ONLY = "deletedOnly";
  private static final String PERMANENT = "permanent";
  private static final String PREFIX = "subjectPrefix";

  private final SchemaRegistryStore store;
  private final ConfigRoutes config;

  RegistryRoutes(SchemaRegistryStore store) {
    this.store = store;
    this.config = new ConfigRoutes(store);
  }

  JsonNode route(RegistryRequest r) {
    if (r.segments().isEmpty() && GET.equals(r.method())) {
      return object();
    }
    return switch (r.segment(0)) {
      case "subjects" -> subjects(r, r.segments(), r.method());
      case "schemas" -> schemas(r, r.segments(), r.method());
      case "compatibility", "config", "mode", "contexts" -> config.route(r);
      default -> throw notFound(r);
    };
  }

  private JsonNode subjects(RegistryRequest r, List<String> s, String m) {
    if (s.size() == 1 && GET.equals(m)) {
      return strings(
          store.read(
              q -> q.subjects(r.query().get(PREFIX), r.flag(DELETED), r.flag(DELETED_ONLY))));
    }
    String subject = r.segment(1);
    if (s.size() == 2) {
      return switch (m) {
        case POST -> {
          String schema = r.avroSchema();
          yield version(store.read(q -> q.lookup(subject, schema, r.flag(DELETED))));
        }
        case DELETE -> ints(store.deleteSubject(subject, r.flag(PERMANENT)));
        default -> throw notFound(r);
      };
    }
    if (!"versions".equals(r.segment(2))) {
      throw notFound(r);
    }
    if (s.size() == 3) {
      return switch (m) {
        case GET ->
            ints(store.read(q -> q.versions(subject, r.flag(DELETED), r.flag(DELETED_ONLY))));
        case POST -> object().put("id", store.register(subject, r.avroSchema()));
        default -> throw notFound(r);
      };
    }
    String spec = r.segment(3);
    if (s.size() == 4) {
      return switch (m) {
        case GET -> version(store.read(q -> q.version(subject, spec, r.flag(DELETED))));
        case DELETE ->
            JSON.getNodeFactory().numberNode(store.deleteVersion(subject, spec, r.flag(PERMANENT)));
        default -> throw notFound(r);
      };
    }
    if (GET.equals(m) && s.size() == 5 && "schema".equals(r.segment(4))) {
      return rawSchema(store.read(q -> q.version(subject, spec, r.flag(DELETED))).schema());
    }
    if (GET.equals(m) && s.size() == 5 && "referencedby".equals(r.segment(4))) {
      // Schema references are refused at registration, so no schema can reference this version.
      store.read(q -> q.version(subject, spec, true));
      return JSON.createArrayNode();
    }
    throw notFound(r);
  }

  private JsonNode schemas(RegistryRequest r, List<String> s, String m) {
    if (!GET.equals(m)) {
      throw notFound(r);
    }
    if (s.size() == 1) {
      List<SchemaVersion> all =
          store.read(q -> q.schemas(r.query().get(PREFIX), r.flag(DELETED), r.flag("latestOnly")));
      return RegistryJson.versions(page(all, r));
    }
    if (s.size() == 2 && "types".equals(r.segment(1))) {
      return strings(List.of(AVRO));
    }
    if (s.size() < 3 || s.size() > 4 || !"ids".equals(r.segment(1))) {
      throw notFound(r);
    }
    int id = parseId(r.segment(2));
    String tail = r.segment(3);
    return switch (tail) {
      case "" -> object().put("schema", store.<String>read(q -> q.schemaById(id)));
      case "schema" -> rawSchema(store.read(q -> q.schemaById(id)));
      case "versions" -> subjectVersions(store.read(q -> q.versionsOfId(id, r.flag(DELETED))));
      case "subjects" -> strings(store.read(q -> q.subjectsOfId(id, r.flag(DELETED))));
      default -> throw notFound(r);
    };
  }

  /** Confluent's {@code offset} / {@code limit} paging ({@code limit} -1 or absent: everything). */
  private static <T> List<T> page(List<T> all, RegistryRequest r) {
    int offset = Math.max(0, r.intParam("offset", 0));
    int limit = r.intParam("limit", -1);
    int from = Math.min(offset, all.size());
    int to = limit < 0 ? all.size() : Math.min(all.size(), from + limit);
    return all.subList(from, to);
  }

  private static int parseId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaNotFound("id '" + text + "'");
    }
  }

  static RegistryException notFound(RegistryRequest r) {
    return new RegistryException(
        404, 404, "HTTP 404 Not Found: " + r.method() + " /" + String.join("/", r.segments()));
  }
}
