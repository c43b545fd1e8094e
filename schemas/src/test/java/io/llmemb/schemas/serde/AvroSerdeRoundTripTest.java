package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.llmemb.schemas.Fixtures;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeRoundTripTest {

  private final String url = Fixtures.freshMockUrl();
  private final Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(url.substring("mock://".length()));
  }

  @Test
  void wireFormatIsMagicByteBigEndianIdThenAvroBinary() throws Exception {
    Item item = Fixtures.product();
    byte[] bytes;
    try (Serde<Item> serde = AvroSerdes.specific(Item.class, config, false)) {
      bytes = serde.serializer().serialize(TopicNames.CATALOG_ITEMS, item);
    }
    SchemaRegistryClient registry = MockSchemaRegistry.scope(url.substring("mock://".length()));
    int id = registry.getLatest(TopicNames.CATALOG_ITEMS + "-value").id();

    assertEquals(0, bytes[0], "magic byte");
    assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt(), "big-endian schema id");
    byte[] expectedHeader = {
      0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id
    };
    assertArrayEquals(expectedHeader, Arrays.copyOf(bytes, 5));
    // Avro's own decoder reads the body with the class schema and nothing is left over.
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(new ByteArrayInputStream(bytes, 5, bytes.length - 5), null);
    Item decoded = new SpecificDatumReader<>(Item.class).read(null, decoder);
    assertEquals(item, decoded);
    assertEquals(true, decoder.isEnd());
  }

  @Test
  void everySchemaRoundTrips() {
    assertRoundTrip(Item.class, TopicNames.CATALOG_ITEMS, Fixtures.movie("1", false));
    assertRoundTrip(Item.class, TopicNames.CATALOG_ITEMS, Fixtures.product());
    assertRoundTrip(Interaction.class, TopicNames.INTERACTIONS, Fixtures.rating("u1", "1", 4.5));
    assertRoundTrip(ItemEmbedding.class, TopicNames.ITEM_EMBEDDINGS, Fixtures.embedding("1"));
    assertRoundTrip(ModelRelease.class, TopicNames.MODEL_RELEASES, Fixtures.release());
    assertRoundTrip(
        Recommendations.class, TopicNames.RECOMMENDATIONS, Fixtures.recommendations("u1"));
  }

  @Test
  void nullIsATombstoneBothWays() {
    try (Serde<Item> serde = AvroSerdes.specific(Item.class, config, false)) {
      assertNull(serde.serializer().serialize(TopicNames.CATALOG_ITEMS, null));
      assertNull(serde.deserializer().deserialize(TopicNames.CATALOG_ITEMS, null));
    }
  }

  @Test
  void genericReaderReturnsTheWriterSchemaRecord() {
    byte[] bytes;
    try (Serde<Interaction> serde = AvroSerdes.specific(Interaction.class, config, false)) {
      bytes =
          serde.serializer().serialize(TopicNames.INTERACTIONS, Fixtures.rating("u9", "42", 3.0));
    }
    try (Serde<GenericRecord> generic = AvroSerdes.generic(config, false)) {
      GenericRecord record = generic.deserializer().deserialize(TopicNames.INTERACTIONS, bytes);
      assertEquals("u9", record.get("userId").toString());
      assertEquals("RATE", record.get("type").toString());
      assertEquals(Fixtures.T0.toEpochMilli(), record.get("timestamp"));
      // ...and a generic record serializes to the same bytes as the specific one it came from.
      assertArrayEquals(bytes, generic.serializer().serialize(TopicNames.INTERACTIONS, record));
    }
  }

  @Test
  void specificReaderFlagFindsTheGeneratedClass() {
    Map<String, String> specific =
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL, url, AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
    AvroSerializer<ItemEmbedding> serializer = new AvroSerializer<>();
    AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
    serializer.configure(specific, false);
    deserializer.configure(specific, false);
    byte[] bytes = serializer.serialize(TopicNames.ITEM_EMBEDDINGS, Fixtures.embedding("5"));
    assertInstanceOf(
        ItemEmbedding.class, deserializer.deserialize(TopicNames.ITEM_EMBEDDINGS, bytes));
    assertEquals(
        Fixtures.embedding("5"), deserializer.deserialize(TopicNames.ITEM_EMBEDDINGS, bytes));
  }

  private <T extends SpecificRecord> void assertRoundTrip(Class<T> type, String topic, T value) {
    try (Serde<T> serde = AvroSerdes.specific(type, config, false)) {
      byte[] bytes = serde.serializer().serialize(topic, value);
      assertEquals(value, serde.deserializer().deserialize(topic, bytes), type.getSimpleName());
    }
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchemaId() {
    String scope = url.substring("mock://".length());
    String subject = TopicNames.ITEM_EMBEDDINGS + "-value";
    int id = MockSchemaRegistry.scope(scope).register(subject, ItemEmbedding.getClassSchema());
    AvroSerializer<ItemEmbedding> serializer = new AvroSerializer<>();
    serializer.configure(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            url,
            AvroSerdeConfig.USE_LATEST_VERSION,
            "true",
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            "false"),
        false);
    byte[] bytes = serializer.serialize(TopicNames.ITEM_EMBEDDINGS, Fixtures.embedding("3"));
    assertEquals(id, WireFormat.schemaId(bytes));
    try (Serde<ItemEmbedding> serde = AvroSerdes.specific(ItemEmbedding.class, config, false)) {
      assertEquals(
          Fixtures.embedding("3"),
          serde.deserializer().deserialize(TopicNames.ITEM_EMBEDDINGS, bytes));
    }
  }

  @Test
  void keySubjectsUseTheKeySuffix() {
    try (Serde<Item> keys = AvroSerdes.specific(Item.class, config, true)) {
      keys.serializer().serialize("t", Fixtures.product());
    }
    assertEquals(
        List.of("t-key"), MockSchemaRegistry.scope(url.substring("mock://".length())).subjects());
  }
}
