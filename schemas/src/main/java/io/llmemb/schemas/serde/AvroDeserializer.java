package io.llmemb.schemas.serde;

import io.llmemb.schemas.errors.AvroSerdeException;
import io.llmemb.schemas.errors.SchemaMismatchException;
import io.llmemb.schemas.errors.WireFormatException;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} reading the Confluent wire format ({@link WireFormat}). The writer
 * schema comes from the registry by the id in the header (cached); the reader schema is
 *
 * <ul>
 *   <li>the given specific class's schema when constructed with a class (what {@link AvroSerdes}
 *       does),
 *   <li>the generated class named like the writer schema when {@code specific.avro.reader=true},
 *   <li>the writer schema itself otherwise (a {@link org.apache.avro.generic.GenericRecord} is
 *       returned).
 * </ul>
 *
 * Avro schema resolution bridges writer and reader, so a record written with an older schema
 * version is read by the new class with defaults filled in. Null deserializes to null (a
 * tombstone); empty input is a {@link WireFormatException} like any input shorter than the header.
 *
 * <p>Failures, each naming topic and schema id: {@link WireFormatException} (short input, wrong
 * magic byte, undecodable or trailing bytes), {@link
 * io.llmemb.schemas.errors.UnknownSchemaIdException}, {@link SchemaMismatchException}, {@link
 * io.llmemb.schemas.errors.RegistryUnavailableException}. Thread-safe.
 *
 * @param <T> record type
 */
public class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

  private final Class<T> type;
  private SchemaRegistryClient client;
  private AvroSerdeConfig config;
  private boolean ownsClient;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /**
   * For Kafka's reflective instantiation: generic or, with {@code specific.avro.reader}, specific
   * records.
   */
  public AvroDeserializer() {
    this.type = null;
  }

  /** Reads records into the generated class {@code type}; {@link #configure} must follow. */
  public AvroDeserializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * A ready deserializer using {@code client} (not closed by {@link #close()}); {@code type} may be
   * null.
   */
  public AvroDeserializer(SchemaRegistryClient client, AvroSerdeConfig config, Class<T> type) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.type = type;
  }

  /** Reads {@link AvroSerdeConfig} keys and connects to the registry they name. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs);
    this.client = SchemaRegistryClients.create(config.registry());
    this.ownsClient = true;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    int id;
    try {
      id = WireFormat.schemaId(data);
    } catch (WireFormatException e) {
      throw e.withContext("topic " + topic);
    }
    String where = "topic " + topic + ", schema id " + id;
    try {
      DatumReader<T> reader = readers.get(id);
      if (reader == null) {
        // Built outside computeIfAbsent: it may call the registry, which must not block the map.
        reader = readerFor(id);
        readers.putIfAbsent(id, reader);
      }
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new WireFormatException(
            where + ": bytes left over after the Avro datum (corrupt or wrong schema id)", null);
      }
      return value;
    } catch (WireFormatException e) {
      throw e;
    } catch (AvroSerdeException e) {
      throw e.withContext(where);
    } catch (IOException | RuntimeException e) {
      // Avro reports corrupt input as EOF, AvroRuntimeException, negative lengths or index errors.
      throw new WireFormatException(
          where + ": Avro body does not decode with the writer schema: " + e, e);
    }
  }

  private DatumReader<T> readerFor(int id) {
    Schema writer = client.getById(id);
    if (type == null && !config.specificReader()) {
      return new GenericDatumReader<T>(writer, writer, GenericData.get());
    }
    Schema reader = readerSchema(writer);
    SchemaCompatibility.SchemaPairCompatibility compat =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new SchemaMismatchException(
          "writer schema "
              + writer.getFullName()
              + " cannot be read as "
              + reader.getFullName()
              + ": "
              + compat.getDescription(),
          null);
    }
    // The reader's own SpecificData carries the generated class's logical-type conversions.
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  private Schema readerSchema(Schema writer) {
    if (type != null) {
      return SpecificData.get().getSchema(type);
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null) {
      throw new SchemaMismatchException(
          "specific.avro.reader is set but no generated class "
              + writer.getFullName()
              + " is on the classpath",
          null);
    }
    return SpecificData.get().getSchema(generated);
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
