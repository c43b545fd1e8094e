package io.llmemb.schemas.serde;

import io.llmemb.schemas.errors.AvroSerdeException;
import io.llmemb.schemas.errors.RecordEncodingException;
import io.llmemb.schemas.registry.RegisteredSchema;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing Avro records (generated SpecificRecords or GenericRecords) in
 * the Confluent wire format ({@link WireFormat}): magic byte 0, the 4-byte big-endian schema id,
 * the Avro binary datum. The subject is {@code <topic>-value} or {@code <topic>-key} ({@link
 * SubjectNames}).
 *
 * <p>With {@code auto.register.schemas=true} (default) the record's schema is registered on first
 * use; with false it is looked up and a schema that was never registered fails with {@link
 * io.llmemb.schemas.errors.SchemaNotFoundException}. With {@code use.latest.version=true} the
 * record is written with the subject's latest schema (fetched once per instance); Avro then takes
 * field values by the latest schema's positions, so that schema must list the record's fields in
 * the record's order (true for append-only evolution) and a mismatch fails with {@link
 * RecordEncodingException}. Ids are cached, so the registry is called once per schema and subject,
 * not per record. Null serializes to null (a compaction tombstone). With {@code
 * avro.remove.java.properties=true} (default) the schema is registered and looked up without its
 * Java-only properties ({@link JavaProperties}): one {@code .avsc} is one id whichever client
 * registers it. Every failure is an {@link AvroSerdeException} whose message names the topic.
 * Thread-safe.
 *
 * @param <T> record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

  private SchemaRegistryClient client;
  private AvroSerdeConfig config;
  private boolean isKey;
  private boolean ownsClient;
  private final Map<String, RegisteredSchema> latest = new ConcurrentHashMap<>();
  private final Map<WriterKey, DatumWriter<IndexedRecord>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, Schema> registeredForm = new ConcurrentHashMap<>();

  /** For Kafka's reflective instantiation; {@link #configure} must follow. */
  public AvroSerializer() {}

  /** A ready serializer using {@code client} (not closed by {@link #close()}). */
  public AvroSerializer(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.isKey = isKey;
  }

  /** Reads {@link AvroSerdeConfig} keys and connects to the registry they name. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs);
    this.isKey = isKey;
    this.client = SchemaRegistryClients.create(config.registry());
    this.ownsClient = true;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    String subject = SubjectNames.topicNameStrategy(topic, isKey);
    try {
      Target target = target(subject, record.getSchema());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(WireFormat.header(target.id()));
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer(record, target.schema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (AvroSerdeException e) {
      throw e.withContext("topic " + topic + ", subject " + subject);
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new RecordEncodingException(
          "topic "
              + topic
              + ", subject "
              + subject
              + ": cannot encode "
              + record.getSchema().getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private Target target(String subject, Schema own) {
    if (config.useLatestVersion()) {
      RegisteredSchema newest = latest.get(subject);
      if (newest == null) {
        newest = client.getLatest(subject);
        latest.putIfAbsent(subject, newest);
      }
      return new Target(newest.id(), newest.schema());
    }
    // The datum is the same either way; only the schema the registry sees loses the Java-only
    // properties.
    Schema registered =
        config.removeJavaProperties()
            ? registeredForm.computeIfAbsent(own, JavaProperties::remove)
            : own;
    if (config.autoRegister()) {
      return new Target(client.register(subject, registered), own);
    }
    return new Target(client.lookup(subject, registered).id(), own);
  }

  private DatumWriter<IndexedRecord> writer(IndexedRecord record, Schema schema) {
    return writers.computeIfAbsent(
        new WriterKey(record.getClass(), schema),
        k ->
            record instanceof SpecificRecord
                // The generated class's own SpecificData carries its logical-type conversions
                // (Instant for timestamps).
                ? new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()))
                : new GenericDatumWriter<>(schema, GenericData.get()));
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }

  /** Id and schema a record is written with. */
  private record Target(int id, Schema schema) {}

  private record WriterKey(Class<?> type, Schema schema) {}
}
