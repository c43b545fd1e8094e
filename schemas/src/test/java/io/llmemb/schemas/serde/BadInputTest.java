package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.Fixtures;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.errors.AvroSerdeException;
import io.llmemb.schemas.errors.RecordEncodingException;
import io.llmemb.schemas.errors.SchemaMismatchException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import io.llmemb.schemas.errors.WireFormatException;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BadInputTest {

  private static final String TOPIC = TopicNames.CATALOG_ITEMS;
  private final String url = Fixtures.freshMockUrl();
  private final Serde<Item> items =
      AvroSerdes.specific(Item.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);

  @AfterEach
  void dropScope() {
    items.close();
    MockSchemaRegistry.dropScope(url.substring("mock://".length()));
  }

  @Test
  void tooShort() {
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> read(new byte[] {0, 0, 1}));
    assertTrue(
        e.getMessage().startsWith("topic " + TOPIC) && e.getMessage().contains("3 bytes"),
        e.getMessage());
  }

  @Test
  void emptyIsNotATombstone() {
    assertThrows(WireFormatException.class, () -> read(new byte[0]));
  }

  @Test
  void wrongMagicByte() {
    byte[] good = items.serializer().serialize(TOPIC, Fixtures.product());
    good[0] = 1;
    WireFormatException e = assertThrows(WireFormatException.class, () -> read(good));
    assertTrue(e.getMessage().contains("magic byte 0x01"), e.getMessage());
  }

  @Test
  void truncatedBodyDoesNotDecode() {
    byte[] good = items.serializer().serialize(TOPIC, Fixtures.product());
    byte[] cut = Arrays.copyOf(good, good.length - 4);
    WireFormatException e = assertThrows(WireFormatException.class, () -> read(cut));
    assertTrue(e.getMessage().contains("schema id " + WireFormat.schemaId(good)), e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] good = items.serializer().serialize(TOPIC, Fixtures.product());
    byte[] longer = Arrays.copyOf(good, good.length + 2);
    assertThrows(WireFormatException.class, () -> read(longer));
  }

  @Test
  void unknownSchemaId() {
    byte[] good = items.serializer().serialize(TOPIC, Fixtures.product());
    byte[] forged = good.clone();
    System.arraycopy(WireFormat.header(999), 0, forged, 0, WireFormat.HEADER_SIZE);
    UnknownSchemaIdException e = assertThrows(UnknownSchemaIdException.class, () -> read(forged));
    assertEquals(999, e.schemaId());
    assertTrue(e.getMessage().contains("topic " + TOPIC + ", schema id 999"), e.getMessage());
  }

  @Test
  void recordOfAnotherTypeOnTheTopicIsAMismatch() {
    // An Interaction written (under its own subject) to the items topic: resolvable id, unreadable
    // as Item.
    try (Serde<Interaction> interactions =
        AvroSerdes.specific(
            Interaction.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false)) {
      byte[] wrong = interactions.serializer().serialize("elsewhere", Fixtures.rating("u", "i", 2));
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> read(wrong));
      assertTrue(
          e.getMessage().contains("Interaction") && e.getMessage().contains("Item"),
          e.getMessage());
    }
  }

  @Test
  void invalidRecordFailsToEncode() {
    Item broken = Fixtures.product();
    broken.setTitle(null);
    RecordEncodingException e =
        assertThrows(
            RecordEncodingException.class, () -> items.serializer().serialize(TOPIC, broken));
    assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
  }

  @Test
  void everyFailureIsAKafkaSerializationException() {
    AvroSerdeException e =
        assertThrows(AvroSerdeException.class, () -> read(new byte[] {7, 0, 0, 0, 1}));
    assertTrue(e instanceof SerializationException);
  }

  private Item read(byte[] bytes) {
    return items.deserializer().deserialize(TOPIC, bytes);
  }
}
