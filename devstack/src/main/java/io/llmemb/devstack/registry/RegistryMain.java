package io.llmemb.devstack.registry;

import io.llmemb.schemas.ClientSecurity;
import io.llmemb.schemas.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry alone, against an existing Kafka cluster: the entry point of the {@code
 * llmemb/schema-registry} image. Configured by environment variables ({@link #ENV_KEYS}), waits a
 * bounded time for Kafka, then starts {@link SchemaRegistryServer} exactly as devstack does; stops
 * on SIGTERM. Start-up failures are one line on stderr and exit status 1 (2 for bad settings).
 */
public final class RegistryMain {

  /** Kafka bootstrap servers (required). */
  public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";

  /** Address to bind, default {@code 0.0.0.0}. */
  public static final String HOST = "REGISTRY_HOST";

  /** HTTP port, default 8081 (Confluent's). */
  public static final String PORT = "REGISTRY_PORT";

  /** Store topic, default {@code _schemas}. */
  public static final String TOPIC = "REGISTRY_TOPIC";

  /** Replication factor of the store topic when it is created, default 1. */
  public static final String REPLICATION_FACTOR = "REGISTRY_TOPIC_REPLICATION_FACTOR";

  /** Global compatibility level until {@code PUT /config} sets one, default BACKWARD_TRANSITIVE. */
  public static final String COMPATIBILITY = "REGISTRY_COMPATIBILITY";

  /**
   * How long to wait for Kafka at start-up, default 60s ({@code 500ms}, {@code 30s}, {@code 2m}).
   */
  public static final String KAFKA_WAIT = "REGISTRY_KAFKA_WAIT";

  /**
   * Client security, named as the services name them: {@code KAFKA_} + the Kafka key in upper case
   * with dots as underscores, e.g. {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}
   * (every key of {@link ClientSecurity#KEYS}).
   */
  public static final Map<String, String> SECURITY_ENV = securityEnv();

  /** Every environment variable this entry point reads. */
  public static final List<String> ENV_KEYS = envKeys();

  static final String LOGBACK_CONFIG = "schema-registry-logback.xml";

  private static final Duration DEFAULT_KAFKA_WAIT = Duration.ofSeconds(60);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** What the environment asks for: the server's settings and the start-up wait for Kafka. */
  public record Config(RegistrySettings settings, Duration kafkaWait) {}

  /** A start-up failure with a message fit for one line of output. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private RegistryMain() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    Config config;
    try {
      config = config(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("schema-registry: " + e.getMessage());
      System.exit(2);
      return;
    }
    SchemaRegistryServer server;
    try {
      server = start(config);
    } catch (RuntimeException e) {
      System.err.println("schema-registry: " + oneLine(e));
      System.exit(1);
      return;
    }
    // The HTTP dispatcher thread keeps the JVM alive; SIGTERM / SIGINT run this hook.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log().info("stopping the schema registry");
                  server.close();
                  log().info("schema registry stopped");
                },
                "schema-registry-shutdown"));
  }

  /**
   * Reads {@link #ENV_KEYS} from {@code env}; blank values count as unset.
   *
   * @throws IllegalArgumentException naming the variable when a value is missing or malformed
   */
  public static Config config(Map<String, String> env) {
    String bootstrap = value(env, BOOTSTRAP, null);
    if (bootstrap == null) {
      throw new IllegalArgumentException(BOOTSTRAP + " is not set (e.g. kafka:19092)");
    }
    int port = integer(env, PORT, 8081);
    int replication = integer(env, REPLICATION_FACTOR, 1);
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new IllegalArgumentException(REPLICATION_FACTOR + " must be at least 1");
    }
    CompatibilityLevel level;
    try {
      level =
          CompatibilityLevels.parse(value(env, COMPATIBILITY, CompatibilityLevels.DEFAULT.name()));
    } catch (RegistryException e) {
      throw new IllegalArgumentException(COMPATIBILITY + ": " + e.getMessage(), e);
    }
    Map<String, Object> security = new LinkedHashMap<>();
    SECURITY_ENV.forEach((variable, key) -> security.put(key, value(env, variable, null)));
    try {
      RegistrySettings settings =
          new RegistrySettings(
              bootstrap,
              value(env, HOST, "0.0.0.0"),
              port,
              value(env, TOPIC, RegistrySettings.DEFAULT_TOPIC),
              (short) replication,
              level,
              ClientSecurity.select(security),
              SchemaRegistryServer.DEFAULT_STORE_TIMEOUT);
      return new Config(settings, duration(env, KAFKA_WAIT, DEFAULT_KAFKA_WAIT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad registry settings: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until Kafka answers (at most {@link Config#kafkaWait()}), then starts the registry the
   * way devstack does ({@link SchemaRegistryServer#start(RegistrySettings)}).
   *
   * @throws StartupException when Kafka does not answer in time
   */
  public static SchemaRegistryServer start(Config config) {
    RegistrySettings s = config.settings();
    awaitKafka(s, config.kafkaWait());
    log()
        .info(
            "compatibility {} unless set through /config; store topic {}",
            s.defaultLevel(),
            s.topic());
    return SchemaRegistryServer.start(s);
  }

  /** Asks the cluster for its nodes until it answers or {@code wait} has passed. */
  static void awaitKafka(RegistrySettings s, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    Throwable last = null;
    log().info("waiting up to {} s for Kafka at {}", wait.toSeconds(), s.bootstrapServers());
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Map<String, Object> props = new LinkedHashMap<>(s.clientProperties());
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
      Admin admin = null;
      try {
        admin = Admin.create(props);
        int nodes = admin.describeCluster().nodes().get(left, TimeUnit.NANOSECONDS).size();
        log().info("Kafka at {} answered: {} broker(s)", s.bootstrapServers(), nodes);
        return;
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (TimeoutException e) {
        last = null;
      } catch (KafkaException e) {
        // e.g. no resolvable bootstrap address yet: the broker's container may not exist yet.
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted while waiting for Kafka", e);
      } finally {
        if (admin != null) {
          // Times out what is still pending instead of waiting for the client's own timeouts.
          admin.close(Duration.ofSeconds(1));
        }
      }
      sleep(Math.min(RETRY_PAUSE.toNanos(), Math.max(0, deadline - System.nanoTime())));
    }
    throw new StartupException(
        "Kafka at "
            + s.bootstrapServers()
            + " did not answer within "
            + wait.toMillis()
            + " ms"
            + (last == null ? "" : " (last error: " + oneLine(last) + ")"),
        last);
  }

  /**
   * Looked up on use: a static logger would initialise logback before {@link #main} chose its
   * configuration.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(RegistryMain.class);
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while waiting for Kafka", e);
    }
  }

  /** The message of {@code e} and its causes, on one line. */
  static String oneLine(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.indexOf(message) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(message);
      }
    }
    return out.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String v = value(env, name, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: '" + v + "'", e);
    }
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String v = value(env, name, null);
    if (v == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " is not a duration like 500ms, 30s or 2m: '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static Map<String, String> securityEnv() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : ClientSecurity.KEYS) {
      out.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), key);
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<String> envKeys() {
    List<String> keys =
        new ArrayList<>(
            List.of(BOOTSTRAP, HOST, PORT, TOPIC, REPLICATION_FACTOR, COMPATIBILITY, KAFKA_WAIT));
    keys.addAll(securityEnv().keySet());
    return List.copyOf(keys);
  }
}
