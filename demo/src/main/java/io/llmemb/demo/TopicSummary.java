package io.llmemb.demo;

import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.registry.RegisteredSchema;
import io.llmemb.schemas.registry.RegistryClientConfig;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import io.llmemb.schemas.serde.SubjectNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints, per topic of the architecture, how many records a {@code read_committed} consumer reads
 * from it (not the end offsets: under exactly-once every transaction marker takes an offset, and
 * aborted records are not read) and the registered value schema id.
 */
final class TopicSummary {

  private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(1);

  /**
   * One line of the table.
   *
   * @param offsets sum of the partitions' end offsets, shown when it differs from {@code records}
   * @param complete false when reading did not reach every partition's end in time ({@code records}
   *     is a floor)
   */
  record Row(String topic, long records, long offsets, boolean complete, String schema) {}

  private TopicSummary() {}

  static void print(String bootstrapServers, String registryUrl, PrintStream out) {
    SchemaRegistryClient registry =
        SchemaRegistryClients.create(RegistryClientConfig.of(registryUrl));
    List<String> names = TopicNames.ALL.stream().map(TopicNames.Spec::name).toList();
    RecordCounts.Counts counts;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "demo-topic-summary-" + UUID.randomUUID()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      counts = RecordCounts.count(consumer, names, COUNT_TIMEOUT);
    }
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(
          new Row(
              name,
              counts.records().getOrDefault(name, 0L),
              counts.endOffsets().getOrDefault(name, 0L),
              counts.complete(),
              schemaOf(registry, name)));
    }
    out.print(format(rows));
  }

  /**
   * The table: records read per topic (a floor, marked {@code >=}, when reading was cut short),
   * schema.
   */
  static String format(List<Row> rows) {
    StringBuilder s =
        new StringBuilder(String.format("%-26s %12s  %s%n", "topic", "records", "value schema"));
    boolean anyMarkers = false;
    for (Row r : rows) {
      String records = (r.complete() ? "" : ">=") + r.records();
      boolean markers = r.offsets() != r.records() && r.complete();
      anyMarkers |= markers;
      s.append(
          String.format(
              "%-26s %12s  %s%s%n",
              r.topic(), records, r.schema(), markers ? "  (" + r.offsets() + " offsets)" : ""));
    }
    if (anyMarkers) {
      s.append(
              "records = what a read_committed consumer reads; offsets also count transaction markers, aborted "
                  + "and compacted records")
          .append(System.lineSeparator());
    }
    if (rows.stream().anyMatch(r -> !r.complete())) {
      s.append(">= : not every partition was read to its end within ")
          .append(COUNT_TIMEOUT)
          .append(System.lineSeparator());
    }
    return s.toString();
  }

  private static String schemaOf(SchemaRegistryClient registry, String topic) {
    String subject = SubjectNames.topicNameStrategy(topic, false);
    if (!registry.subjects().contains(subject)) {
      return "-";
    }
    RegisteredSchema latest = registry.getLatest(subject);
    return subject + " id " + latest.id() + " v" + latest.version();
  }
}
