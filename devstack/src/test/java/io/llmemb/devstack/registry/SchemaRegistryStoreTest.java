package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corrupt {@code _schemas} record is counted and skipped; the registry keeps working around it.
 */
@ExtendWith(KafkaStackExtension.class)
class SchemaRegistryStoreTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void malformedStoreRecordsAreCountedNotApplied(KafkaStack stack) throws Exception {
    String subject = "corrupt-" + UUID.randomUUID();
    try (SchemaRegistryStore store = SchemaRegistryStore.open(stack.bootstrapServers(), TIMEOUT)) {
      int before = store.skippedRecords();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        producer
            .send(
                new ProducerRecord<>(
                    KafkaStoreLog.TOPIC,
                    0,
                    StoreRecords.schemaKey(subject, 1),
                    "{\"subject\":\""
                        + subject
                        + "\",\"version\":1,\"id\":0,\"schema\":\"\\\"int\\\"\"}"))
            .get();
        producer.send(new ProducerRecord<>(KafkaStoreLog.TOPIC, 0, "not json", "{}")).get();
      }
      assertEquals(before + 2, store.skippedRecords());
      assertTrue(
          store.read(q -> q.subjects(null, true, false)).stream().noneMatch(subject::equals),
          "a record with id 0 must not be applied");
      int id = store.register(subject, "\"int\"");
      assertTrue(id >= 1, "registering still works, got id " + id);
    }
  }
}
