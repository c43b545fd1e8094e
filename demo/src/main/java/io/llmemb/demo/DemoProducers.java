package io.llmemb.demo;

import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The demo's producers: idempotent, acks=all, Avro values through the topic catalog's serdes (so
 * every record is in the Confluent wire format with an id from the registry).
 */
final class DemoProducers implements AutoCloseable {

  private final Producer<String, Item> items;
  private final Producer<String, Interaction> interactions;

  DemoProducers(String bootstrapServers, Topics topics) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    items =
        new KafkaProducer<>(
            config,
            topics.items().keySerde().serializer(),
            topics.items().valueSerde().serializer());
    interactions =
        new KafkaProducer<>(
            config,
            topics.interactions().keySerde().serializer(),
            topics.interactions().valueSerde().serializer());
  }

  Producer<String, Item> items() {
    return items;
  }

  Producer<String, Interaction> interactions() {
    return interactions;
  }

  @Override
  public void close() {
    items.close();
    interactions.close();
  }
}
