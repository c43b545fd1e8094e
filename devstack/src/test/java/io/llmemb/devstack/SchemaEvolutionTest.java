package io.llmemb.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.errors.AvroSerdeException;
import io.llmemb.schemas.serde.AvroDeserializer;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the data contract evolves, on the real registry: a producer that adds an optional field (with
 * a default) registers a new version and today's consumers, compiled against the old schema, still
 * read its records; a type change of an existing field is refused by the registry
 * (BACKWARD_TRANSITIVE), so no producer can write it.
 */
@ExtendWith(KafkaStackExtension.class)
class SchemaEvolutionTest {

  @Test
  void anOptionalFieldAddedToItemKeepsOldConsumersWorkingAndATypeChangeIsRefused(KafkaStack stack) {
    Item item =
        Item.newBuilder()
            .setItemId("1")
            .setTitle("Toy Story")
            .setCategories(List.of("Animation"))
            .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .build();
    check(stack, Item.class, item, Item::getItemId, "itemId");
  }

  @Test
  void anOptionalFieldAddedToInteractionKeepsOldConsumersWorkingAndATypeChangeIsRefused(
      KafkaStack stack) {
    Interaction interaction =
        new Interaction(
            "u1", "1", InteractionType.RATE, 4.5, Instant.ofEpochMilli(1_700_000_000_000L));
    check(stack, Interaction.class, interaction, Interaction::getItemId, "itemId");
  }

  private static <T extends SpecificRecord> void check(
      KafkaStack stack, Class<T> type, T record, Function<T, String> id, String retypedField) {
    String topic = "evolution-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> config =
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    AvroSerializer<GenericRecord> producer = new AvroSerializer<>();
    producer.configure(config, false);
    AvroSerializer<T> oldProducer = new AvroSerializer<>();
    oldProducer.configure(config, false);
    AvroDeserializer<T> oldConsumer = new AvroDeserializer<>(type);
    oldConsumer.configure(config, false);

    byte[] before = oldProducer.serialize(topic, record);
    Schema schema = record.getSchema();
    GenericRecord evolved =
        copyWith(
            record,
            withField(
                schema,
                new Schema.Field(
                    "campaign",
                    Schema.createUnion(
                        Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                    "new optional",
                    Schema.Field.NULL_DEFAULT_VALUE)));
    evolved.put("campaign", "winter-sale");
    byte[] after = producer.serialize(topic, evolved);

    assertTrue(
        WireId.of(after) > WireId.of(before), "the evolved schema is a new registered version");
    assertEquals(record, oldConsumer.deserialize(topic, before));
    T read = oldConsumer.deserialize(topic, after);
    assertEquals(id.apply(record), id.apply(read), "old consumer reads the new producer's record");
    assertEquals(record, read, "every field the old consumer knows is intact");

    Schema retyped = retype(schema, retypedField);
    GenericRecord bad = new GenericData.Record(retyped);
    for (Schema.Field f : retyped.getFields()) {
      bad.put(
          f.name(),
          f.name().equals(retypedField) ? 7 : plain(record.get(schema.getField(f.name()).pos())));
    }
    AvroSerdeException refused =
        assertThrows(AvroSerdeException.class, () -> producer.serialize(topic, bad));
    assertTrue(
        refused.getMessage().toLowerCase().contains("incompatible")
            || refused.getMessage().contains("409"),
        refused.getMessage());
  }

  private static Schema withField(Schema schema, Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(extra);
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static Schema retype(Schema schema, String field) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(
          f.name().equals(field)
              ? new Schema.Field(f.name(), Schema.create(Schema.Type.INT), f.doc())
              : new Schema.Field(f, f.schema()));
    }
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static GenericRecord copyWith(SpecificRecord record, Schema schema) {
    GenericRecord out = new GenericData.Record(schema);
    for (Schema.Field f : record.getSchema().getFields()) {
      out.put(f.name(), plain(record.get(f.pos())));
    }
    return out;
  }

  /** A generic writer has no logical-type conversions: timestamps go as their epoch millis. */
  private static Object plain(Object value) {
    return value instanceof Instant t ? t.toEpochMilli() : value;
  }

  /** The schema id of a Confluent-framed record (bytes 1..4, big-endian). */
  private static final class WireId {
    static int of(byte[] framed) {
      return java.nio.ByteBuffer.wrap(framed, 1, 4).getInt();
    }
  }
}
