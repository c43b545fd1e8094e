package io.llmemb.embeddingworker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingBatcherTest {

  private final Topics topics =
      Topics.create(
          Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://batcher-" + UUID.randomUUID()));
  private final MutableClock clock = new MutableClock();
  private final RecordingEmbedder embedder = new RecordingEmbedder("fake-encoder@1");
  private final PromptHashIndex index = new PromptHashIndex();
  private WorkerMetrics metrics;
  private long offset;

  @BeforeEach
  void setUp() {
    metrics = new WorkerMetrics(new SimpleMeterRegistry());
  }

  private EmbeddingBatcher batcher(int batchSize, Duration maxWait) {
    return new EmbeddingBatcher(
        new ItemPrompter("movielens"),
        index,
        embedder,
        topics.items(),
        topics.itemEmbeddings(),
        batchSize,
        maxWait,
        metrics,
        clock);
  }

  @Test
  void unchangedPromptIsSkippedAndChangedPromptIsReembedded() {
    EmbeddingBatcher b = batcher(10, Duration.ofSeconds(1));
    b.accept(record("1", item("1", "Toy Story", "1995")));
    List<ProducerRecord<byte[], byte[]>> first = b.drain();
    assertEquals(1, first.size());
    ItemEmbedding e = decode(first.get(0));
    assertEquals("1", e.getItemId());
    assertEquals("fake-encoder@1", e.getLlmVersion());

    // Same attributes again, a new updatedAt: the prompt is the same, so nothing is embedded or
    // produced.
    Item again = item("1", "Toy Story", "1995");
    again.setUpdatedAt(Instant.ofEpochMilli(99));
    b.accept(record("1", again));
    assertTrue(b.drain().isEmpty());
    assertEquals(1.0, metrics.skippedCount());
    assertEquals(1, embedder.calls.size());

    b.accept(record("1", item("1", "Toy Story", "1996")));
    List<ProducerRecord<byte[], byte[]>> changed = b.drain();
    assertEquals(1, changed.size());
    assertTrue(!decode(changed.get(0)).getPromptHash().equals(e.getPromptHash()));
  }

  @Test
  void anotherModelVersionReembedsAnUnchangedPrompt() {
    EmbeddingBatcher b = batcher(10, Duration.ofSeconds(1));
    index.put(
        "1",
        new PromptHashIndex.Fingerprint(
            new ItemPrompter("movielens").prompt(item("1", "Toy Story", "1995")).promptHash(),
            "old-encoder@0"));
    b.accept(record("1", item("1", "Toy Story", "1995")));
    assertEquals(1, b.drain().size());
  }

  @Test
  void duplicateInsideOneBatchIsEmbeddedOnce() {
    EmbeddingBatcher b = batcher(10, Duration.ofSeconds(1));
    b.accept(record("1", item("1", "Toy Story", "1995")));
    b.accept(record("1", item("1", "Toy Story", "1995")));
    assertEquals(1, b.pendingPrompts());
    assertEquals(1, b.drain().size());
  }

  @Test
  void batchIsFullAtBatchSizeAndEmbeddedInOneEncoderCall() {
    EmbeddingBatcher b = batcher(3, Duration.ofHours(1));
    b.accept(record("1", item("1", "A", "2000")));
    b.accept(record("2", item("2", "B", "2000")));
    assertFalse(b.isFull());
    assertFalse(b.isDue());
    b.accept(record("3", item("3", "C", "2000")));
    assertTrue(b.isFull());
    List<ProducerRecord<byte[], byte[]>> out = b.drain();
    assertEquals(List.of(3), embedder.calls);
    assertEquals(List.of("1", "2", "3"), out.stream().map(r -> decode(r).getItemId()).toList());
    // Vectors go to the right item: the fake encodes the prompt's length in the first component.
    for (ProducerRecord<byte[], byte[]> r : out) {
      ItemEmbedding e = decode(r);
      String prompt =
          new ItemPrompter("movielens")
              .prompt(item(e.getItemId(), title(e.getItemId()), "2000"))
              .prompt();
      assertEquals(prompt.length(), e.getVector().get(0), 0.0f);
    }
    assertFalse(b.hasAccepted());
  }

  @Test
  void partialBatchIsDueAfterMaxWait() {
    EmbeddingBatcher b = batcher(100, Duration.ofMillis(200));
    assertFalse(b.isDue());
    assertEquals(Duration.ofSeconds(5), b.timeUntilDue(Duration.ofSeconds(5)));
    b.accept(record("1", item("1", "A", "2000")));
    clock.advance(Duration.ofMillis(150));
    assertFalse(b.isDue());
    assertEquals(Duration.ofMillis(50), b.timeUntilDue(Duration.ofSeconds(5)));
    clock.advance(Duration.ofMillis(50));
    assertTrue(b.isDue());
    assertEquals(Duration.ZERO, b.timeUntilDue(Duration.ofSeconds(5)));
    assertEquals(1, b.drain().size());
    assertFalse(b.isDue());
  }

  @Test
  void deletedOrNullItemTombstonesAKnownEmbeddingInInputOrder() {
    EmbeddingBatcher b = batcher(10, Duration.ofSeconds(1));
    b.accept(record("1", item("1", "A", "2000")));
    b.accept(record("2", item("2", "B", "2000")));
    Item deleted = item("1", "A", "2000");
    deleted.setDeleted(true);
    b.accept(record("1", deleted));
    b.accept(record("2", null));
    b.accept(record("3", null)); // never embedded: nothing to delete
    List<ProducerRecord<byte[], byte[]>> out = b.drain();
    assertEquals(4, out.size());
    assertEquals(TopicNames.ITEM_EMBEDDINGS, out.get(2).topic());
    assertEquals("1", new String(out.get(2).key(), StandardCharsets.UTF_8));
    assertNull(out.get(2).value());
    assertEquals("2", new String(out.get(3).key(), StandardCharsets.UTF_8));
    assertNull(out.get(3).value());
    assertFalse(index.contains("1"));
    assertEquals(2.0, metrics.tombstoneCount());
  }

  @Test
  void malformedRecordsGoToTheDeadLetterTopicWithReasonHeaders() {
    EmbeddingBatcher b = batcher(10, Duration.ofSeconds(1));
    byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3};
    b.accept(
        new ConsumerRecord<>(
            TopicNames.CATALOG_ITEMS, 2, 17, "9".getBytes(StandardCharsets.UTF_8), garbage));
    b.accept(record("7", item("8", "Mismatch", "2000")));
    b.accept(
        new ConsumerRecord<>(
            TopicNames.CATALOG_ITEMS, 0, 18, null, serialize(item("5", "No key", "2000"))));
    b.accept(record("4", item("4", "Fine", "2000")));
    List<ProducerRecord<byte[], byte[]>> out = b.drain();
    assertEquals(4, out.size());
    ProducerRecord<byte[], byte[]> dlq = out.get(0);
    assertEquals(TopicNames.dlq(TopicNames.CATALOG_ITEMS), dlq.topic());
    assertArrayEquals(garbage, dlq.value());
    assertEquals("17", DeadLetters.header(dlq, DeadLetters.HEADER_SOURCE_OFFSET));
    assertEquals("2", DeadLetters.header(dlq, DeadLetters.HEADER_SOURCE_PARTITION));
    assertTrue(DeadLetters.header(dlq, DeadLetters.HEADER_ERROR_CLASS).contains("Exception"));
    assertTrue(
        DeadLetters.header(out.get(1), DeadLetters.HEADER_ERROR_MESSAGE)
            .contains("differs from itemId"));
    assertTrue(DeadLetters.header(out.get(2), DeadLetters.HEADER_ERROR_MESSAGE).contains("no key"));
    assertEquals(TopicNames.ITEM_EMBEDDINGS, out.get(3).topic());
    assertEquals(3.0, metrics.deadLetterCount());
  }

  private static String title(String id) {
    return switch (id) {
      case "1" -> "A";
      case "2" -> "B";
      default -> "C";
    };
  }

  private ItemEmbedding decode(ProducerRecord<byte[], byte[]> r) {
    return topics.itemEmbeddings().valueSerde().deserializer().deserialize(r.topic(), r.value());
  }

  private byte[] serialize(Item item) {
    return topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, item);
  }

  private ConsumerRecord<byte[], byte[]> record(String key, Item item) {
    return new ConsumerRecord<>(
        TopicNames.CATALOG_ITEMS,
        0,
        offset++,
        key.getBytes(StandardCharsets.UTF_8),
        item == null ? null : serialize(item));
  }

  static Item item(String id, String title, String year) {
    return Item.newBuilder()
        .setItemId(id)
        .setTitle(title)
        .setCategories(List.of("Comedy"))
        .setAttributes(List.of(new ItemAttribute("year", year)))
        .setUpdatedAt(Instant.ofEpochMilli(1))
        .build();
  }

  /**
   * Deterministic stand-in for the text model: the vector is (prompt length, hash); records batch
   * sizes.
   */
  static final class RecordingEmbedder implements Embedder {
    final List<Integer> calls = new ArrayList<>();
    private final String version;

    RecordingEmbedder(String version) {
      this.version = version;
    }

    @Override
    public String llmVersion() {
      return version;
    }

    @Override
    public List<float[]> embed(List<String> prompts) {
      calls.add(prompts.size());
      return prompts.stream().map(p -> new float[] {p.length(), p.hashCode()}).toList();
    }

    @Override
    public void close() {}
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
