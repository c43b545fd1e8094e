package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real broker: committed and aborted transactions leave markers; the count is the records a
 * reader sees.
 */
@ExtendWith(KafkaStackExtension.class)
class RecordCountsStackTest {

  @Test
  void countsCommittedRecordsNotOffsets(KafkaStack stack) throws Exception {
    String topic = "summary-count-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Map<String, Object> tx =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "summary-count-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(tx, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "committed"));
      }
      producer.commitTransaction(); // offsets 0-2, marker 3
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.flush();
      producer.abortTransaction(); // offsets 4-5, marker 6
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction(); // offset 7, marker 8
    }

    RecordCounts.Counts counts;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      counts = RecordCounts.count(consumer, List.of(topic), Duration.ofSeconds(30));
    }

    assertTrue(counts.complete());
    assertEquals(9L, counts.endOffsets().get(topic), "end offset: 6 records + 3 markers");
    assertEquals(4L, counts.records().get(topic), "4 committed records");
  }

  @Test
  void theSummaryListsEveryTopicOfTheArchitecture(KafkaStack stack) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TopicSummary.print(
        stack.bootstrapServers(),
        stack.schemaRegistryUrl(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);
    for (TopicNames.Spec spec : TopicNames.ALL) {
      assertTrue(table.contains(spec.name() + " "), spec.name() + " missing from\n" + table);
    }
  }
}
