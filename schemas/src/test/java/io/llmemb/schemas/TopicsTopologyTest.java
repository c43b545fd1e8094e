package io.llmemb.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic catalog's serdes inside a real Kafka Streams topology, with a {@code mock://} registry.
 */
class TopicsTopologyTest {

  private static final String ACTIVE_ITEMS = "catalog.items.active";
  private static final String COUNTS = "interactions.per_item";
  private static final String COUNT_STORE = "interaction-counts";

  private final String scope = "topology-" + java.util.UUID.randomUUID();
  private final Topics topics =
      Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  /** Drops deleted items and tombstones; counts interactions per item into a store and a topic. */
  static Topology buildTopology(Topics topics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.items().name(), topics.items().consumed())
        .filter((id, item) -> item != null && !item.getDeleted())
        .to(ACTIVE_ITEMS, Produced.with(topics.items().keySerde(), topics.items().valueSerde()));
    builder.stream(topics.interactions().name(), topics.interactions().consumed())
        // Re-key by item: the count is per item, the input is keyed by user.
        .groupBy(
            (user, interaction) -> interaction.getItemId(),
            Grouped.with(Serdes.String(), topics.interactions().valueSerde()))
        .count(
            Materialized
                .<String, Long, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                    COUNT_STORE))
        .toStream()
        .to(COUNTS, Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  @Test
  void filtersDeletedItemsAndCountsInteractionsPerItem(@TempDir Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "schemas-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(buildTopology(topics), props)) {
      // Given items, one deleted and one tombstone, and three interactions on two items
      TestInputTopic<String, Item> items =
          driver.createInputTopic(
              topics.items().name(),
              topics.items().keySerde().serializer(),
              topics.items().valueSerde().serializer());
      TestInputTopic<String, Interaction> interactions =
          driver.createInputTopic(
              topics.interactions().name(),
              topics.interactions().keySerde().serializer(),
              topics.interactions().valueSerde().serializer());
      TestOutputTopic<String, Item> active =
          driver.createOutputTopic(
              ACTIVE_ITEMS,
              topics.items().keySerde().deserializer(),
              topics.items().valueSerde().deserializer());
      TestOutputTopic<String, Long> counts =
          driver.createOutputTopic(
              COUNTS, Serdes.String().deserializer(), Serdes.Long().deserializer());

      // When they flow through
      items.pipeInput("1", Fixtures.movie("1", false));
      items.pipeInput("2", Fixtures.movie("2", true));
      items.pipeInput("3", null);
      items.pipeInput("4", Fixtures.movie("4", false));
      interactions.pipeInput("u1", Fixtures.rating("u1", "1", 5));
      interactions.pipeInput("u2", Fixtures.rating("u2", "1", 3));
      interactions.pipeInput("u2", Fixtures.rating("u2", "4", 1));

      // Then only live items pass, decoded equal to what went in, and counts reach topic and store
      assertEquals(
          List.of(
              KeyValue.pair("1", Fixtures.movie("1", false)),
              KeyValue.pair("4", Fixtures.movie("4", false))),
          active.readKeyValuesToList());
      assertEquals(Map.of("1", 2L, "4", 1L), counts.readKeyValuesToMap());
      KeyValueStore<String, ValueAndTimestamp<Long>> store =
          driver.getTimestampedKeyValueStore(COUNT_STORE);
      assertEquals(2L, store.get("1").value());
      assertEquals(1L, store.get("4").value());
      // The value subjects follow TopicNameStrategy, including the repartition topic's.
      List<String> subjects = MockSchemaRegistry.scope(scope).subjects();
      assertTrue(
          subjects.contains("catalog.items-value")
              && subjects.contains("tracking.interactions-value"),
          subjects.toString());
    }
  }
}
