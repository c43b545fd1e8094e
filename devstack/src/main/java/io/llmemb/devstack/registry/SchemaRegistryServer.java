package io.llmemb.devstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent REST API for Avro (see the devstack README for the
 * endpoints and what is not implemented), persisted in the {@code _schemas} topic of a Kafka
 * broker; JDK {@link HttpServer}, Jackson JSON. Confluent's registry is not obtainable from Maven
 * Central, so this stands in for it locally and in tests.
 */
public final class SchemaRegistryServer implements AutoCloseable {

  /** Confluent's media type; clients also accept application/json. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Default bound for Kafka operations of the store. */
  public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 4;

  private final SchemaRegistryStore store;
  private final String host;
  private final HttpServer http;
  private final ExecutorService executor;

  private SchemaRegistryServer(
      SchemaRegistryStore store, String host, HttpServer http, ExecutorService executor) {
    this.store = store;
    this.host = host;
    this.http = http;
    this.executor = executor;
  }

  /**
   * Replays {@code _schemas} from {@code bootstrap} and serves on {@code host:port} (0 picks a free
   * port).
   *
   * @throws RegistryException when the store cannot be read; {@link UncheckedIOException} when the
   *     port is taken
   */
  public static SchemaRegistryServer start(String bootstrap, String host, int port) {
    return start(RegistrySettings.of(bootstrap, host, port));
  }

  /**
   * Replays the store topic of {@code settings} and serves on their host and port: the one way
   * every registry of the project starts (devstack, the test stacks and {@link RegistryMain}).
   *
   * @throws RegistryException when the store cannot be read; {@link UncheckedIOException} when the
   *     port is taken
   */
  public static SchemaRegistryServer start(RegistrySettings settings) {
    String bootstrap = settings.bootstrapServers();
    String host = settings.host();
    int port = settings.port();
    SchemaRegistryStore store = SchemaRegistryStore.open(settings);
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              THREADS,
              r -> {
                Thread t = new Thread(r, "schema-registry-http");
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(executor);
      SchemaRegistryServer server = new SchemaRegistryServer(store, host, http, executor);
      RegistryRoutes routes = new RegistryRoutes(store);
      http.createContext("/", exchange -> server.handle(exchange, routes));
      http.start();
      LOG.info(
          "schema registry on {} backed by {} on {}", server.url(), settings.topic(), bootstrap);
      return server;
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException("cannot bind the schema registry to " + host + ":" + port, e);
    }
  }

  /** Base URL with the host name it was started with, e.g. {@code http://localhost:8081}. */
  public String url() {
    return "http://" + host + ":" + http.getAddress().getPort();
  }

  /** The port actually bound. */
  public int port() {
    return http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange, RegistryRoutes routes) throws IOException {
    try (exchange) {
      int status = 200;
      JsonNode body;
      try {
        body = routes.route(RegistryRequest.of(exchange));
      } catch (RegistryException e) {
        status = e.httpStatus();
        body = error(e.errorCode(), e.getMessage());
        if (status >= 500) {
          LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
      } catch (RuntimeException e) {
        status = 500;
        // The log has the exception; the client gets no internal class names.
        body =
            error(
                RegistryException.STORE_ERROR,
                "internal error: "
                    + (e.getMessage() == null ? "see the registry log" : e.getMessage()));
        LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static JsonNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  /** Stops serving and closes the Kafka producer; the data stays in {@code _schemas}. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    store.close();
  }
}
