package io.llmemb.devstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code devstack produce} / {@code consume} against the shared stack, through the schemas serde.
 */
@ExtendWith(KafkaStackExtension.class)
class ProduceConsumeCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = DevStackMain.commandLine();
    cli.setErr(new java.io.PrintWriter(err, true));
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code = cli.execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void producedInteractionIsConsumedBackWithDefaultsFilled(KafkaStack stack) {
    String user = "user-" + UUID.randomUUID();
    String[] where = {
      "--bootstrap-servers",
      stack.bootstrapServers(),
      "--schema-registry-url",
      stack.schemaRegistryUrl()
    };
    Run produced =
        run(
            concat(
                new String[] {
                  "produce",
                  "--topic",
                  TopicNames.INTERACTIONS,
                  "--key",
                  user,
                  "--value-json",
                  "{\"userId\":\""
                      + user
                      + "\",\"itemId\":\"42\",\"type\":\"CLICK\","
                      + "\"timestamp\":1700000000000}"
                },
                where));
    assertEquals(0, produced.exitCode(), produced.err());
    assertTrue(produced.out().contains("produced " + TopicNames.INTERACTIONS), produced.out());

    Run consumed =
        run(
            concat(
                new String[] {
                  "consume",
                  "--topic",
                  TopicNames.INTERACTIONS,
                  "--max",
                  "10000",
                  "--timeout-s",
                  "2"
                },
                where));
    assertEquals(0, consumed.exitCode(), consumed.err());
    String line =
        consumed
            .out()
            .lines()
            .filter(l -> l.contains(" " + user + " "))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no record for " + user + " in:\n" + consumed.out()));
    assertTrue(line.contains("\"type\":\"CLICK\"") && line.contains("\"rating\":null"), line);
  }

  @Test
  void invalidValueFailsNamingTheRecordType(KafkaStack stack) {
    Run r =
        run(
            "produce",
            "--bootstrap-servers",
            stack.bootstrapServers(),
            "--schema-registry-url",
            stack.schemaRegistryUrl(),
            "--topic",
            TopicNames.CATALOG_ITEMS,
            "--key",
            "x",
            "--value-json",
            "{\"itemId\":\"x\"}");
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err().contains("io.llmemb.schemas.avro.Item") && r.err().contains("title"), r.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
