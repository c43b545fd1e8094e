package io.llmemb.devstack.cli;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Produces one Avro record, given in Avro's JSON encoding, through the project's
 * Confluent-wire-format serde (the schema is registered under {@code <topic>-value}).
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description =
        "Produce one Avro record (Avro JSON encoding: unions as {\"string\": \"x\"}; fields with "
            + "defaults may be left out) to a data topic.")
final class ProduceCommand implements Callable<Integer> {

  @Mixin private ClientOptions client;

  @Option(names = "--topic", required = true, description = "Data topic, e.g. catalog.items.")
  private String topic;

  @Option(names = "--key", description = "Record key (required on compacted topics).")
  private String key;

  @Option(names = "--value-json", required = true, description = "The value in Avro JSON encoding.")
  private String valueJson;

  @Override
  public Integer call() throws Exception {
    boolean compacted =
        TopicNames.ALL.stream().anyMatch(s -> s.name().equals(topic) && s.compacted());
    if (compacted && key == null) {
      throw new IllegalArgumentException("topic " + topic + " is compacted: --key is required");
    }
    SpecificRecord value = parse(valueJson, TopicTypes.valueType(topic));
    Topic<String, SpecificRecord> t =
        TopicTypes.topic(
            Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, client.registry())), topic);
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                client.bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            t.keySerde().serializer(),
            t.valueSerde().serializer())) {
      RecordMetadata m = producer.send(new ProducerRecord<>(topic, key, value)).get();
      System.out.printf("produced %s-%d@%d key=%s%n", m.topic(), m.partition(), m.offset(), key);
    }
    return 0;
  }

  private static SpecificRecord parse(String json, Class<? extends SpecificRecord> type) {
    Schema schema = SpecificData.get().getSchema(type);
    try {
      return new SpecificDatumReader<SpecificRecord>(schema)
          .read(
              null, DecoderFactory.get().jsonDecoder(schema, AvroJsonDefaults.fill(json, schema)));
    } catch (java.io.IOException | org.apache.avro.AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "--value-json is not a valid "
              + schema.getFullName()
              + " in Avro JSON encoding: "
              + e.getMessage(),
          e);
    }
  }
}
