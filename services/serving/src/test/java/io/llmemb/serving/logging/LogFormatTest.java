package io.llmemb.serving.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The service's logback.xml: human-readable lines by default, one JSON object per line with {@code LOG_APPENDER=JSON}
 * (what log shippers and the deployment manifests use).
 */
class LogFormatTest {

  @Test
  void jsonAppenderWritesOneJsonObjectPerLine() throws Exception {
    String out = logWith("JSON");
    JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("probe")).findFirst()
        .orElseThrow());
    assertEquals("probe message 42", line.get("message").asText());
    assertEquals("WARN", line.get("level").asText());
    assertEquals("format.probe", line.get("logger_name").asText());
  }

  @Test
  void textIsTheDefault() throws Exception {
    String out = logWith(null);
    String line = out.lines().filter(l -> l.contains("probe")).findFirst().orElseThrow();
    assertFalse(line.startsWith("{"), line);
    assertTrue(line.contains("WARN") && line.contains("probe message 42"), line);
  }

  private static String logWith(String appender) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      if (appender != null) {
        context.putProperty("LOG_APPENDER", appender);
      }
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      Logger log = context.getLogger("format.probe");
      log.warn("probe message {}", 42);
    } finally {
      context.stop();
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
