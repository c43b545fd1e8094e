package io.llmemb.devstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.DeadLetterLedger;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.errors.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every undecodable record is dead-lettered once on the real broker, however often it is read: the
 * Streams handler after a restart (a new handler instance, as when serving restores a global store)
 * sends no second letter for a source record already on {@code <topic>.dlq}, and the {@link
 * DeadLetterLedger} both services use reads the source coordinates back from the letters' headers.
 */
@ExtendWith(KafkaStackExtension.class)
class DeadLetterOnceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void handlerSendsNoSecondLetterForTheSameRecordAfterARestart(KafkaStack stack) throws Exception {
    String topic = freshTopicWithDlq(stack);
    List<ConsumerRecord<byte[], byte[]>> poison = producePoison(stack, topic, 2);

    DeadLetterDeserializationHandler first = handler(stack);
    for (ConsumerRecord<byte[], byte[]> r : poison) {
      assertEquals(DeserializationHandlerResponse.CONTINUE, handle(first, r));
    }
    // The same instance meeting a record again (a task retried under exactly-once re-reads its
    // input).
    assertEquals(DeserializationHandlerResponse.CONTINUE, handle(first, poison.get(0)));

    DeadLetterDeserializationHandler restarted = handler(stack);
    for (ConsumerRecord<byte[], byte[]> r : poison) {
      assertEquals(DeserializationHandlerResponse.CONTINUE, handle(restarted, r));
    }

    List<ConsumerRecord<byte[], byte[]>> letters = letters(stack, topic);
    assertEquals(
        List.of("0", "1"),
        letters.stream().map(l -> header(l, DeadLetters.HEADER_SOURCE_OFFSET)).sorted().toList(),
        "one letter per source record");
    assertEquals(2, first.deadLettered() + restarted.deadLettered());
    assertEquals(0, restarted.deadLettered());
  }

  @Test
  void ledgerReadsSourceCoordinatesFromTheLettersAndCountsSkippedDuplicates(KafkaStack stack)
      throws Exception {
    String topic = freshTopicWithDlq(stack);
    List<ConsumerRecord<byte[], byte[]>> poison = producePoison(stack, topic, 3);
    DeadLetterDeserializationHandler handler = handler(stack);
    handle(handler, poison.get(0));
    handle(handler, poison.get(2));

    DeadLetterLedger ledger = DeadLetterLedger.load(client(stack), topic, WAIT);
    assertEquals(TopicNames.dlq(topic), ledger.dlqTopic());
    assertEquals(2, ledger.size());
    assertTrue(ledger.alreadyDeadLettered(topic, 0, 0));
    assertFalse(ledger.alreadyDeadLettered(topic, 0, 1));
    assertTrue(ledger.alreadyDeadLettered(topic, 0, 2));
    assertFalse(ledger.alreadyDeadLettered("other", 0, 0));
    ledger.record(topic, 0, 1);
    assertTrue(ledger.alreadyDeadLettered(topic, 0, 1));

    DeadLetterDeserializationHandler restarted = handler(stack);
    poison.forEach(r -> handle(restarted, r));
    assertEquals(1, restarted.deadLettered(), "only the record not yet on the DLQ");
    assertEquals(2, restarted.skippedDuplicates());
    assertEquals(3, letters(stack, topic).size());
  }

  @Test
  void handlerSeesALetterAnotherProcessSentAfterItsLedgerWasRead(KafkaStack stack)
      throws Exception {
    String topic = freshTopicWithDlq(stack);
    List<ConsumerRecord<byte[], byte[]>> poison = producePoison(stack, topic, 2);
    DeadLetterDeserializationHandler handler = handler(stack);
    handle(handler, poison.get(0));
    DeadLetterLedger ledger = DeadLetterLedger.load(client(stack), topic, WAIT);
    assertFalse(ledger.alreadyDeadLettered(topic, 0, 1));

    // Another service (the trainer re-reading the same log) dead-letters the second record
    // meanwhile.
    try (KafkaProducer<byte[], byte[]> other =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      other
          .send(
              DeadLetters.record(
                  poison.get(1), new WireFormatException("seen by the trainer", null)))
          .get();
    }
    ledger.refresh(WAIT);
    assertTrue(
        ledger.alreadyDeadLettered(topic, 0, 1), "refresh reads what was appended since the load");
    // The handler catches up at most once a second, so a burst of bad records is not a burst of
    // reads.
    Thread.sleep(1_100);
    assertEquals(DeserializationHandlerResponse.CONTINUE, handle(handler, poison.get(1)));
    assertEquals(1, handler.deadLettered());
    assertEquals(1, handler.skippedDuplicates());
    assertEquals(2, letters(stack, topic).size());
  }

  @Test
  void ledgerOfATopicWithoutDlqIsEmpty(KafkaStack stack) {
    // The stack does not auto-create topics: the DLQ does not exist.
    DeadLetterLedger ledger =
        DeadLetterLedger.load(client(stack), "no-dlq-" + UUID.randomUUID(), WAIT);
    assertEquals(0, ledger.size());
  }

  private static DeadLetterDeserializationHandler handler(KafkaStack stack) {
    DeadLetterDeserializationHandler h = new DeadLetterDeserializationHandler();
    h.configure(
        Map.of(
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            StreamsConfig.APPLICATION_ID_CONFIG,
            "dlq-once-" + UUID.randomUUID(),
            DeadLetterDeserializationHandler.SEND_TIMEOUT_MS,
            "20000"));
    return h;
  }

  private static DeserializationHandlerResponse handle(
      DeadLetterDeserializationHandler handler, ConsumerRecord<byte[], byte[]> r) {
    DefaultErrorHandlerContext context =
        new DefaultErrorHandlerContext(
            null,
            r.topic(),
            r.partition(),
            r.offset(),
            r.headers(),
            "source",
            null,
            r.timestamp(),
            r.key(),
            r.value());
    return handler.handle(
        context, r, new WireFormatException("not the Confluent wire format", null));
  }

  /** A one-partition topic and its one-partition DLQ, named for this test only. */
  private static String freshTopicWithDlq(KafkaStack stack) throws Exception {
    String topic = "dlq-once-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1),
                  new NewTopic(TopicNames.dlq(topic), 1, (short) 1)))
          .all()
          .get();
    }
    return topic;
  }

  /** {@code n} records that are not Avro, as read back from the broker (real coordinates). */
  private static List<ConsumerRecord<byte[], byte[]>> producePoison(
      KafkaStack stack, String topic, int n) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes("not avro " + i))).get();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    TopicReader.readToEnd(client(stack), topic, WAIT, out::add);
    assertEquals(n, out.size());
    return out;
  }

  private static List<ConsumerRecord<byte[], byte[]>> letters(KafkaStack stack, String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    HashMap<String, Object> config = new HashMap<>(client(stack));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    TopicReader.readToEnd(config, TopicNames.dlq(topic), WAIT, out::add);
    return out;
  }

  private static Map<String, Object> client(KafkaStack stack) {
    return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
