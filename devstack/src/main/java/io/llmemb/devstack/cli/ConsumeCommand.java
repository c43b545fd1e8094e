package io.llmemb.devstack.cli;

import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prints records of a topic from the beginning, decoding Confluent-wire-format Avro values with the
 * writer schema from the registry; one line per record: {@code topic-partition@offset key <Avro
 * JSON>}.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = "Print Avro records of a topic from the beginning (read_committed).")
final class ConsumeCommand implements Callable<Integer> {

  @Mixin private ClientOptions client;

  @Option(names = "--topic", required = true, description = "Topic to read.")
  private String topic;

  @Option(
      names = "--max",
      defaultValue = "10",
      description = "Stop after this many records (${DEFAULT-VALUE}).")
  private int max;

  @Option(
      names = "--timeout-s",
      defaultValue = "10",
      description = "Stop when no record arrived for this long (${DEFAULT-VALUE} s).")
  private long timeoutS;

  @Override
  public Integer call() {
    Serde<GenericRecord> values =
        AvroSerdes.generic(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, client.registry()), false);
    int printed = 0;
    try (KafkaConsumer<String, GenericRecord> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            values.deserializer())) {
      // Assigned, not subscribed: a look at a topic should not leave consumer groups behind.
      consumer.assign(
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList());
      long idleDeadline = System.nanoTime() + Duration.ofSeconds(timeoutS).toNanos();
      while (printed < max && System.nanoTime() < idleDeadline) {
        for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(500))) {
          if (printed == max) {
            break;
          }
          String value = r.value() == null ? "null" : AvroJson.write(r.value());
          System.out.printf(
              "%s-%d@%d %s %s%n", r.topic(), r.partition(), r.offset(), r.key(), value);
          printed++;
          idleDeadline = System.nanoTime() + Duration.ofSeconds(timeoutS).toNanos();
        }
      }
    }
    System.err.println(printed + " record(s)");
    return 0;
  }
}
