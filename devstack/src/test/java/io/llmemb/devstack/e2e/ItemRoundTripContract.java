package io.llmemb.devstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End-to-end smoke test: an Avro {@link Item} goes through the project's serde and the stack's
 * registry into {@code catalog.items} on a real broker and comes back equal, in the Confluent wire
 * format (magic 0, the id the registry holds for {@code catalog.items-value}, Avro binary).
 */
@ExtendWith(KafkaStackExtension.class)
abstract class ItemRoundTripContract {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void itemRoundTripsThroughRegistryAndBroker(KafkaStack stack) throws Exception {
    Topic<String, Item> items =
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()))
            .items();
    String id = "item-" + UUID.randomUUID();
    Item sent =
        Item.newBuilder()
            .setItemId(id)
            .setTitle("Toy Story")
            .setCategory("Animation")
            .setCategories(List.of("Animation", "Children", "Comedy"))
            .setPrice(9.99)
            .setAttributes(
                List.of(ItemAttribute.newBuilder().setKey("year").setValue("1995").build()))
            .setSource("movielens")
            .setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .build();
    try (KafkaProducer<String, Item> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            items.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(items.name(), id, sent)).get();
    }

    byte[] wire = readValue(stack.bootstrapServers(), items.name(), id);
    ByteBuffer header = ByteBuffer.wrap(wire);
    assertEquals(0, header.get(), "Confluent magic byte");
    int schemaId = header.getInt();
    assertEquals(latestId(stack.schemaRegistryUrl(), items.name() + "-value"), schemaId);
    assertEquals(sent, items.valueSerde().deserializer().deserialize(items.name(), wire));
  }

  private static byte[] readValue(String bootstrap, String topic, String key) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      // Assigned, not subscribed: no consumer-group join to wait for.
      consumer.assign(
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("record " + key + " not consumed from " + topic + " within " + WAIT);
  }

  private static int latestId(String registryUrl, String subject) throws Exception {
    var body =
        new ObjectMapper()
            .readTree(
                URI.create(registryUrl + "/subjects/" + subject + "/versions/latest").toURL());
    assertNotNull(body.get("id"), body.toString());
    return body.get("id").asInt();
  }
}
