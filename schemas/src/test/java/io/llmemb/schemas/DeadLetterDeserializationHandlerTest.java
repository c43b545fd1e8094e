package io.llmemb.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.errors.WireFormatException;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterDeserializationHandlerTest {

  private static final String OUT = "items.out";
  private final String scope = "dlq-" + UUID.randomUUID();

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void poisonPillGoesToTheDlqAndTheTopologyContinues(@TempDir Path stateDir) {
    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));
    MockProducer<byte[], byte[]> dlq =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    props.put(DeadLetterDeserializationHandler.PRODUCER_INSTANCE, dlq);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.items().name(), topics.items().consumed())
        .to(OUT, topics.items().produced());

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      // Raw bytes in, so a garbage record can sit between two good ones.
      TestInputTopic<String, byte[]> in =
          driver.createInputTopic(
              topics.items().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
      TestOutputTopic<String, Item> out =
          driver.createOutputTopic(
              OUT,
              topics.items().keySerde().deserializer(),
              topics.items().valueSerde().deserializer());
      in.pipeInput(
          "1",
          topics
              .items()
              .valueSerde()
              .serializer()
              .serialize(topics.items().name(), Fixtures.movie("1", false)));
      in.pipeInput("bad", "not avro".getBytes(StandardCharsets.UTF_8));
      in.pipeInput(
          "2",
          topics
              .items()
              .valueSerde()
              .serializer()
              .serialize(topics.items().name(), Fixtures.movie("2", false)));

      assertEquals(
          List.of("1", "2"), out.readKeyValuesToList().stream().map(kv -> kv.key).toList());
      assertEquals(1, dlq.history().size());
      ProducerRecord<byte[], byte[]> letter = dlq.history().get(0);
      assertEquals("catalog.items.dlq", letter.topic());
      assertEquals("not avro", new String(letter.value(), StandardCharsets.UTF_8));
      assertEquals("bad", new String(letter.key(), StandardCharsets.UTF_8));
      assertEquals(
          WireFormatException.class.getName(),
          DeadLetters.header(letter, DeadLetters.HEADER_ERROR_CLASS));
      assertEquals("1", DeadLetters.header(letter, DeadLetters.HEADER_SOURCE_OFFSET));
    }
  }

  @Test
  void failsTheTaskWhenTheDlqWriteFails() {
    MockProducer<byte[], byte[]> dlq =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(
        Map.of(
            DeadLetterDeserializationHandler.PRODUCER_INSTANCE,
            dlq,
            DeadLetterDeserializationHandler.SEND_TIMEOUT_MS,
            "50"));
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 5L, null, new byte[] {9});
    DefaultErrorHandlerContext context =
        new DefaultErrorHandlerContext(
            null, "t", 0, 5L, record.headers(), "node", null, 0L, null, record.value());
    // Never completed by the mock producer: the handler gives up after the send timeout.
    assertEquals(
        DeserializationHandlerResponse.FAIL,
        handler.handle(context, record, new WireFormatException("x", null)));
    assertEquals(0, handler.deadLettered());
  }

  @Test
  void badTimeoutNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DeadLetterDeserializationHandler()
                    .configure(
                        Map.of(
                            DeadLetterDeserializationHandler.SEND_TIMEOUT_MS,
                            "soon",
                            DeadLetterDeserializationHandler.PRODUCER_INSTANCE,
                            new MockProducer<byte[], byte[]>())));
    assertEquals(true, e.getMessage().contains(DeadLetterDeserializationHandler.SEND_TIMEOUT_MS));
  }
}
