package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.Fixtures;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.errors.SchemaRejectedException;
import io.llmemb.schemas.registry.CompatibilityLevel;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.registry.MockSchemaRegistryClient;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records written with an older schema stay readable; incompatible changes are refused
 * (BACKWARD_TRANSITIVE).
 */
class SchemaEvolutionTest {

  /**
   * The first version of Item: no categories, brand, price, description, attributes, source or
   * deleted.
   */
  private static final Schema ITEM_V1 =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Item", "namespace": "io.llmemb.schemas.avro", "fields": [
        {"name": "itemId", "type": "string"},
        {"name": "title", "type": "string"},
        {"name": "category", "type": ["null", "string"], "default": null},
        {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""");

  private static final String SUBJECT = TopicNames.CATALOG_ITEMS + "-value";
  private final String scope = Fixtures.freshMockUrl().substring("mock://".length());
  private final MockSchemaRegistryClient registry = MockSchemaRegistry.scope(scope);
  private final AvroSerdeConfig config =
      AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void oldWriterIsReadByTheNewClassWithDefaults() {
    registry.setCompatibility(SUBJECT, CompatibilityLevel.BACKWARD_TRANSITIVE);
    GenericRecord old = new GenericData.Record(ITEM_V1);
    old.put("itemId", "42");
    old.put("title", "Heat");
    old.put("category", "Crime");
    old.put("updatedAt", Fixtures.T0.toEpochMilli());
    byte[] bytes =
        new AvroSerializer<GenericRecord>(registry, config, false)
            .serialize(TopicNames.CATALOG_ITEMS, old);

    // The current schema registers on top of v1 under BACKWARD_TRANSITIVE: every new field has a
    // default.
    assertEquals(2, registry.register(SUBJECT, Item.getClassSchema()));
    Item item =
        new AvroDeserializer<>(registry, config, Item.class)
            .deserialize(TopicNames.CATALOG_ITEMS, bytes);

    assertEquals("42", item.getItemId());
    assertEquals("Crime", item.getCategory());
    assertEquals(Fixtures.T0, item.getUpdatedAt());
    assertEquals(List.of(), item.getCategories());
    assertEquals(List.of(), item.getAttributes());
    assertNull(item.getPrice());
    assertFalse(item.getDeleted());
  }

  @Test
  void aListWrittenBeforeExplorationSlotsReadsWithNone() {
    String subject = TopicNames.RECOMMENDATIONS + "-value";
    registry.setCompatibility(subject, CompatibilityLevel.BACKWARD_TRANSITIVE);
    Schema current = Recommendations.getClassSchema();
    String json = current.toString();
    int field = json.indexOf(",{\"name\":\"explorationSlots\"");
    assertTrue(field > 0, json);
    Schema before = new Schema.Parser().parse(json.substring(0, field) + "]}");
    GenericRecord old = new GenericData.Record(before);
    old.put("userId", "u1");
    old.put("items", List.of());
    old.put("modelVersion", "v1");
    old.put("eventTime", Fixtures.T0.toEpochMilli());
    old.put("emittedAt", Fixtures.T0.toEpochMilli());
    byte[] bytes =
        new AvroSerializer<GenericRecord>(registry, config, false)
            .serialize(TopicNames.RECOMMENDATIONS, old);

    assertEquals(2, registry.register(subject, current));
    Recommendations read =
        new AvroDeserializer<>(registry, config, Recommendations.class)
            .deserialize(TopicNames.RECOMMENDATIONS, bytes);
    assertEquals("u1", read.getUserId());
    assertEquals(List.of(), read.getExplorationSlots());
  }

  @Test
  void aNewerProducersUnknownInteractionTypeReadsAsUnknown() {
    Schema newer =
        new Schema.Parser()
            .parse(
                io.llmemb.schemas.avro.Interaction.getClassSchema()
                    .toString()
                    .replace("\"REVIEW\"]", "\"REVIEW\",\"SHARE\"]"));
    GenericRecord shared = new GenericData.Record(newer);
    shared.put("userId", "u");
    shared.put("itemId", "i");
    shared.put("type", new GenericData.EnumSymbol(newer.getField("type").schema(), "SHARE"));
    shared.put("timestamp", Fixtures.T0.toEpochMilli());
    byte[] bytes =
        new AvroSerializer<GenericRecord>(registry, config, false)
            .serialize(TopicNames.INTERACTIONS, shared);

    io.llmemb.schemas.avro.Interaction read =
        new AvroDeserializer<>(registry, config, io.llmemb.schemas.avro.Interaction.class)
            .deserialize(TopicNames.INTERACTIONS, bytes);
    assertEquals(io.llmemb.schemas.avro.InteractionType.UNKNOWN, read.getType());
    assertNull(read.getRating());
  }

  @Test
  void aRequiredFieldWithoutDefaultIsRejected() {
    registry.setCompatibility(SUBJECT, CompatibilityLevel.BACKWARD_TRANSITIVE);
    registry.register(SUBJECT, ITEM_V1);
    registry.register(SUBJECT, Item.getClassSchema());
    Schema breaking =
        withExtraField(Item.getClassSchema(), "{\"name\": \"sku\", \"type\": \"string\"}");

    assertFalse(registry.testCompatibility(SUBJECT, breaking));
    SchemaRejectedException e =
        assertThrows(SchemaRejectedException.class, () -> registry.register(SUBJECT, breaking));
    assertEquals(SchemaRejectedException.INCOMPATIBLE, e.errorCode());
    assertTrue(
        registry.testCompatibility(
            SUBJECT,
            withExtraField(
                Item.getClassSchema(),
                "{\"name\": \"sku\", \"type\": \"string\", \"default\": \"\"}")));
  }

  @Test
  void transitiveChecksEveryVersionNotOnlyTheLatest() {
    // v1 has field x; v2 drops it; v3 re-adds x with another type and a default: fine for v2, not
    // for v1.
    Schema v1 = record("{\"name\": \"x\", \"type\": \"int\"}");
    Schema v2 = record(null);
    Schema v3 = record("{\"name\": \"x\", \"type\": \"string\", \"default\": \"\"}");
    assertTrue(CompatibilityLevel.BACKWARD.isCompatible(v3, List.of(v2, v1)));
    assertFalse(CompatibilityLevel.BACKWARD_TRANSITIVE.isCompatible(v3, List.of(v2, v1)));
  }

  @Test
  void everyCurrentSchemaDocumentsEveryFieldAndDefaultsEveryOptionalOne() {
    for (Schema s :
        List.of(
            Item.getClassSchema(),
            io.llmemb.schemas.avro.Interaction.getClassSchema(),
            io.llmemb.schemas.avro.ItemEmbedding.getClassSchema(),
            io.llmemb.schemas.avro.ModelRelease.getClassSchema(),
            io.llmemb.schemas.avro.Recommendations.getClassSchema())) {
      assertDocumented(s);
    }
  }

  private static void assertDocumented(Schema record) {
    assertTrue(
        record.getDoc() != null && !record.getDoc().isBlank(),
        record.getFullName() + " has no doc");
    for (Schema.Field f : record.getFields()) {
      assertTrue(
          f.doc() != null && !f.doc().isBlank(),
          record.getFullName() + "." + f.name() + " has no doc");
      if (f.schema().isNullable()) {
        assertTrue(
            f.hasDefaultValue(),
            record.getFullName() + "." + f.name() + " is optional without default");
      }
      Schema inner =
          f.schema().getType() == Schema.Type.ARRAY ? f.schema().getElementType() : f.schema();
      if (inner.getType() == Schema.Type.RECORD) {
        assertDocumented(inner);
      }
    }
  }

  private static Schema withExtraField(Schema base, String field) {
    String json = base.toString();
    return new Schema.Parser().parse(json.substring(0, json.length() - 2) + "," + field + "]}");
  }

  private static Schema record(String extraField) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": ["
                + "{\"name\": \"id\", \"type\": \"string\"}"
                + (extraField == null ? "" : "," + extraField)
                + "]}");
  }
}
