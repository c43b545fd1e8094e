package io.llmemb.schemas.serde;

import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Kafka (Streams) {@link Serde} factories over {@link AvroSerializer} and {@link AvroDeserializer}.
 */
public final class AvroSerdes {

  private AvroSerdes() {}

  /**
   * A configured serde for the generated class {@code type}.
   *
   * @param config Kafka config map with the {@link AvroSerdeConfig} keys ({@code
   *     schema.registry.url} at least)
   * @param isKey whether the serde serves record keys (subject {@code <topic>-key}) or values
   */
  public static <T extends SpecificRecord> Serde<T> specific(
      Class<T> type, Map<String, ?> config, boolean isKey) {
    AvroSerdeConfig parsed = AvroSerdeConfig.from(config);
    // One client (and so one id cache) for both directions.
    return specific(type, SchemaRegistryClients.create(parsed.registry()), parsed, isKey);
  }

  /**
   * A serde for the generated class {@code type} over an existing client (tests, shared clients).
   */
  public static <T extends SpecificRecord> Serde<T> specific(
      Class<T> type, SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
    return Serdes.serdeFrom(
        new AvroSerializer<>(client, config, isKey), new AvroDeserializer<>(client, config, type));
  }

  /** A configured serde for {@link GenericRecord}s (reader schema = writer schema). */
  public static Serde<GenericRecord> generic(Map<String, ?> config, boolean isKey) {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
    serializer.configure(config, isKey);
    deserializer.configure(config, isKey);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
