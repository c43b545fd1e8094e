package io.llmemb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service's logback.xml: one JSON object per line by default (what log shippers read),
 * human-readable lines with {@code LOG_APPENDER=TEXT}, and no configuration warnings, which logback
 * would print as plain-text status lines on stdout at every start.
 */
class LogFormatTest {

  static List<String> services() {
    return Repo.SERVICES;
  }

  @ParameterizedTest
  @MethodSource("services")
  void jsonIsTheDefault(String service) throws Exception {
    Assumptions.assumeTrue(
        System.getenv("LOG_APPENDER") == null, "LOG_APPENDER is set in this environment");
    Configured c = configure(service, null);

    assertEquals("net.logstash.logback.encoder.LogstashEncoder", c.encoder);
    JsonNode line = new ObjectMapper().readTree(c.probeLine());
    assertEquals("probe message 42", line.get("message").asText());
    assertEquals("WARN", line.get("level").asText());
    assertEquals("format.probe", line.get("logger_name").asText());
    assertEquals(List.of(), c.warnings);
  }

  @ParameterizedTest
  @MethodSource("services")
  void textWhenAskedFor(String service) throws Exception {
    Configured c = configure(service, "TEXT");

    assertEquals("ch.qos.logback.classic.encoder.PatternLayoutEncoder", c.encoder);
    String line = c.probeLine();
    assertFalse(line.startsWith("{"), line);
    assertTrue(
        line.contains("WARN") && line.contains("format.probe") && line.contains("probe message 42"),
        line);
    assertEquals(List.of(), c.warnings);
  }

  @ParameterizedTest
  @MethodSource("services")
  void anyOtherValueStaysJson(String service) throws Exception {
    for (String value : List.of("JSON", "text", "plain")) {
      Configured c = configure(service, value);

      assertEquals("net.logstash.logback.encoder.LogstashEncoder", c.encoder, value);
      assertEquals(
          "probe message 42",
          new ObjectMapper().readTree(c.probeLine()).get("message").asText(),
          value);
      assertEquals(List.of(), c.warnings, value);
    }
  }

  /**
   * The root logger's only appender's encoder, what one WARN wrote to stdout, and any WARN/ERROR
   * statuses.
   */
  private record Configured(String encoder, String out, List<String> warnings) {
    String probeLine() {
      return out.lines()
          .filter(l -> l.contains("probe message"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("nothing logged: " + out));
    }
  }

  private static Configured configure(String service, String logAppender) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      if (logAppender != null) {
        context.putProperty("LOG_APPENDER", logAppender);
      }
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(
          Repo.path("services/" + service + "/src/main/resources/logback.xml").toFile());
      List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
      Iterator<Appender<ILoggingEvent>> it =
          context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
      it.forEachRemaining(appenders::add);
      assertEquals(1, appenders.size(), "root appenders " + appenders);
      String encoder =
          ((OutputStreamAppender<ILoggingEvent>) appenders.get(0))
              .getEncoder()
              .getClass()
              .getName();
      context.getLogger("format.probe").warn("probe message {}", 42);
      List<String> warnings = new ArrayList<>();
      if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .forEach(s -> warnings.add(s.getMessage()));
      }
      return new Configured(encoder, buffer.toString(StandardCharsets.UTF_8), warnings);
    } finally {
      context.stop();
      System.setOut(original);
    }
  }
}
