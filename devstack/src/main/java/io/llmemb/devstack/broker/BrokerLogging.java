package io.llmemb.devstack.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logback configuration of the child JVMs: INFO to stdout, which the parent redirects to a file in
 * the data dir. Written as a file because the child's classpath holds only the Kafka dependencies,
 * not this module.
 */
final class BrokerLogging {

  private static final String FILE = "logback-broker.xml";
  private static final String CONFIG =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.kafka.clients" level="WARN"/>
        <logger name="state.change.logger" level="WARN"/>
        <root level="INFO"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private BrokerLogging() {}

  /** Path of the logback file in {@code dataDir}, written if absent. */
  static Path configFile(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      Files.writeString(file, CONFIG);
    } catch (IOException e) {
      throw new BrokerStartException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
