package io.llmemb.devstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.DeadLetterLedger;
import io.llmemb.schemas.DeadLetterSender;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.errors.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * sends no second letter for a source record already on {@code <topic>.dlq}; two senders failing
 * the same records at the same moment write one letter each; a letter committed behind a
 * transaction left open is still seen; and the {@link DeadLetterLedger} every service uses reads
 * the source coordinates back from the letters' headers.
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
    // meanwhile; taking the topic's writer, it fences the handler's.
    try (DeadLetterSender trainer = DeadLetterSender.create(client(stack), "trainer", WAIT)) {
      assertTrue(
          trainer
              .send(
                  DeadLetters.record(
                      poison.get(1), new WireFormatException("seen by the trainer", null)))
              .isPresent());
    }
    ledger.refresh(WAIT);
    assertTrue(
        ledger.alreadyDeadLettered(topic, 0, 1), "refresh reads what was appended since the load");
    // The handler's writer finds itself fenced, fences back and reads the letter before deciding.
    assertEquals(DeserializationHandlerResponse.CONTINUE, handle(handler, poison.get(1)));
    assertEquals(1, handler.deadLettered());
    assertEquals(1, handler.skippedDuplicates());
    assertEquals(2, letters(stack, topic).size());
  }

  @Test
  void twoProcessesFailingTheSameRecordsAtTheSameMomentWriteOneLetterEach(KafkaStack stack)
      throws Exception {
    String topic = freshTopicWithDlq(stack);
    List<ConsumerRecord<byte[], byte[]>> poison = producePoison(stack, topic, 30);
    // Two senders with producers and ledgers of their own: two serving instances reading the same
    // global record, or serving and the trainer, at once.
    try (DeadLetterSender a = DeadLetterSender.create(client(stack), "dlq-a", WAIT);
        DeadLetterSender b = DeadLetterSender.create(client(stack), "dlq-b", WAIT)) {
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> runs = new ArrayList<>();
        for (DeadLetterSender sender : List.of(a, b, a, b)) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (ConsumerRecord<byte[], byte[]> r : poison) {
                      sender.send(DeadLetters.record(r, new WireFormatException("not Avro", null)));
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> run : runs) {
          run.get(2, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> offsets =
          letters(stack, topic).stream()
              .map(l -> header(l, DeadLetters.HEADER_SOURCE_OFFSET))
              .sorted(Comparator.comparingInt(Integer::parseInt))
              .toList();
      assertEquals(
          IntStream.range(0, 30).mapToObj(Integer::toString).toList(),
          offsets,
          "exactly one committed letter per source record");
      assertEquals(30, a.sent() + b.sent());
      assertEquals(4 * 30 - 30, a.skippedDuplicates() + b.skippedDuplicates());
    }
  }

  @Test
  void aLetterCommittedBehindAnOpenTransactionIsStillSeen(KafkaStack stack) throws Exception {
    String topic = freshTopicWithDlq(stack);
    List<ConsumerRecord<byte[], byte[]>> poison = producePoison(stack, topic, 2);
    Map<String, Object> txConfig = new HashMap<>(client(stack));
    txConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "other-writer-" + UUID.randomUUID());
    try (KafkaProducer<byte[], byte[]> other =
            new KafkaProducer<>(txConfig, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterSender first = DeadLetterSender.create(client(stack), "dlq-first", WAIT);
        DeadLetterSender second = DeadLetterSender.create(client(stack), "dlq-second", WAIT)) {
      assertTrue(first.send(letter(poison.get(1))).isPresent(), "first holds the topic's writer");
      // A transaction left open on the dead-letter topic (a producer that died mid-way): a
      // read_committed reader's end offsets stop in front of it.
      other.initTransactions();
      other.beginTransaction();
      other.send(new ProducerRecord<>(TopicNames.dlq(topic), bytes("open"))).get();
      assertTrue(first.send(letter(poison.get(0))).isPresent(), "committed behind the open one");
      ExecutorService later = Executors.newSingleThreadExecutor();
      try {
        later.submit(
            () -> {
              Thread.sleep(1_500);
              other.abortTransaction();
              return null;
            });
        assertTrue(
            second.send(letter(poison.get(0))).isEmpty(),
            "the letter committed behind the open transaction was read");
      } finally {
        later.shutdown();
      }
      assertEquals(1, second.skippedDuplicates());
    }
    assertEquals(2, letters(stack, topic).size());
  }

  private static ProducerRecord<byte[], byte[]> letter(ConsumerRecord<byte[], byte[]> poison) {
    return DeadLetters.record(poison, new WireFormatException("not Avro", null));
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
