package io.llmemb.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Confluent-API registry on the JDK HttpServer, just enough to test the HTTP client's
 * request and response shapes: register, get by id, lookup, versions, subjects, compatibility (a
 * set answer), config. It counts calls per operation and can be told to answer every request with a
 * fixed error.
 */
final class FakeRegistryServer implements AutoCloseable {

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemas = new HashMap<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();
  private final Map<String, String> levels = new HashMap<>();
  private volatile boolean compatible = true;
  private volatile int failStatus;
  private volatile String failBody;

  FakeRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int calls(String operation) {
    return calls.getOrDefault(operation, new AtomicInteger()).get();
  }

  /** What the compatibility endpoint answers from now on. */
  void compatible(boolean answer) {
    compatible = answer;
  }

  /** From now on every request answers {@code status} with {@code body}. */
  void failWith(int status, String body) {
    failBody = body;
    failStatus = status;
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String[] p = ex.getRequestURI().getPath().substring(1).split("/");
    String method = ex.getRequestMethod();
    try (ex) {
      if (failStatus != 0) {
        send(ex, failStatus, failBody);
      } else if (method.equals("POST")
          && p.length == 3
          && p[0].equals("subjects")
          && p[2].equals("versions")) {
        count("register");
        String schema = json.readTree(ex.getRequestBody()).path("schema").asText();
        int id =
            schemas.entrySet().stream()
                .filter(e -> e.getValue().equals(schema))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(schemas.size() + 1);
        schemas.put(id, schema);
        List<Integer> ids = subjects.computeIfAbsent(p[1], s -> new ArrayList<>());
        if (!ids.contains(id)) {
          ids.add(id);
        }
        send(ex, 200, json.createObjectNode().put("id", id).toString());
      } else if (method.equals("GET")
          && p.length == 3
          && p[0].equals("schemas")
          && p[1].equals("ids")) {
        count("getById");
        String schema = schemas.get(Integer.parseInt(p[2]));
        if (schema == null) {
          send(ex, 404, "{\"error_code\":40403,\"message\":\"Schema " + p[2] + " not found\"}");
        } else {
          send(ex, 200, json.createObjectNode().put("schema", schema).toString());
        }
      } else if (method.equals("POST") && p.length == 2 && p[0].equals("subjects")) {
        count("lookup");
        JsonNode body = json.readTree(ex.getRequestBody());
        List<Integer> ids = subjects.getOrDefault(p[1], List.of());
        int id =
            ids.stream()
                .filter(i -> schemas.get(i).equals(body.path("schema").asText()))
                .findFirst()
                .orElse(-1);
        if (id < 0) {
          send(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
          send(
              ex,
              200,
              json.createObjectNode()
                  .put("subject", p[1])
                  .put("id", id)
                  .put("version", ids.indexOf(id) + 1)
                  .put("schema", schemas.get(id))
                  .toString());
        }
      } else if (method.equals("GET")
          && p.length == 4
          && p[0].equals("subjects")
          && p[2].equals("versions")) {
        count("getVersion");
        List<Integer> ids = subjects.get(p[1]);
        int v =
            p[3].equals("latest") && ids != null
                ? ids.size()
                : p[3].equals("latest") ? 1 : Integer.parseInt(p[3]);
        if (ids == null || v < 1 || v > ids.size()) {
          send(
              ex,
              404,
              "{\"error_code\":" + (ids == null ? 40401 : 40402) + ",\"message\":\"not found\"}");
        } else {
          int id = ids.get(v - 1);
          send(
              ex,
              200,
              json.createObjectNode()
                  .put("subject", p[1])
                  .put("id", id)
                  .put("version", v)
                  .put("schema", schemas.get(id))
                  .toString());
        }
      } else if (method.equals("GET") && p.length == 3 && p[0].equals("subjects")) {
        int n = subjects.getOrDefault(p[1], List.of()).size();
        send(
            ex,
            200,
            json.valueToTree(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList())
                .toString());
      } else if (method.equals("GET") && p.length == 1 && p[0].equals("subjects")) {
        send(ex, 200, json.valueToTree(subjects.keySet()).toString());
      } else if (method.equals("POST") && p.length == 4 && p[0].equals("compatibility")) {
        count("compatibility");
        boolean hasSchema = json.readTree(ex.getRequestBody()).hasNonNull("schema");
        send(ex, hasSchema ? 200 : 422, "{\"is_compatible\":" + compatible + "}");
      } else if (p[0].equals("config") && p.length <= 2) {
        String key = p.length == 2 ? p[1] : "";
        if (method.equals("PUT")) {
          levels.put(key, json.readTree(ex.getRequestBody()).path("compatibility").asText());
          send(ex, 200, json.createObjectNode().put("compatibility", levels.get(key)).toString());
        } else {
          String level = levels.getOrDefault(key, levels.getOrDefault("", "BACKWARD"));
          send(ex, 200, json.createObjectNode().put("compatibilityLevel", level).toString());
        }
      } else {
        send(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
      }
    }
  }

  private void count(String operation) {
    calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", RegistryHttp.CONTENT_TYPE);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
