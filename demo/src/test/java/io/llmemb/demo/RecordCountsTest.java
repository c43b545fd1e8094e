package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The closing table counts records read, not end offsets: under exactly-once every transaction
 * leaves a marker that takes an offset. The mock consumer stands in for a read_committed one: it
 * returns the records and, like the real one, moves its position past the markers.
 */
class RecordCountsTest {

  private static final Node NODE = new Node(1, "localhost", 9092);
  private static final TopicPartition RECS_0 = new TopicPartition("recs", 0);
  private static final TopicPartition RECS_1 = new TopicPartition("recs", 1);
  private static final TopicPartition ITEMS_0 = new TopicPartition("items", 0);

  private static MockConsumer<String, String> consumer() {
    MockConsumer<String, String> c = new MockConsumer<>("earliest");
    c.updatePartitions(
        "recs",
        List.of(
            new PartitionInfo("recs", 0, NODE, null, null),
            new PartitionInfo("recs", 1, NODE, null, null)));
    c.updatePartitions("items", List.of(new PartitionInfo("items", 0, NODE, null, null)));
    c.updateBeginningOffsets(Map.of(RECS_0, 0L, RECS_1, 0L, ITEMS_0, 0L));
    return c;
  }

  private static ConsumerRecord<String, String> record(TopicPartition tp, long offset) {
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", "v");
  }

  @Test
  void transactionMarkersAreNotCountedAsRecords() {
    MockConsumer<String, String> c = consumer();
    // recs-0: two transactions of 2 records, each followed by its commit marker (offsets 2 and 5)
    // recs-1: one transaction of 3 records + marker; items-0: 4 plain records (no transactions)
    c.updateEndOffsets(Map.of(RECS_0, 6L, RECS_1, 4L, ITEMS_0, 4L));
    c.schedulePollTask(
        () -> {
          for (long o : new long[] {0, 1, 3, 4}) {
            c.addRecord(record(RECS_0, o));
          }
          for (long o = 0; o < 3; o++) {
            c.addRecord(record(RECS_1, o));
          }
          for (long o = 0; o < 4; o++) {
            c.addRecord(record(ITEMS_0, o));
          }
        });
    c.schedulePollTask(
        () -> {
          // the real consumer moves past a trailing marker: position = end offset
          c.seek(RECS_0, 6);
          c.seek(RECS_1, 4);
        });

    RecordCounts.Counts counts =
        RecordCounts.count(c, List.of("recs", "items"), Duration.ofSeconds(10));

    assertTrue(counts.complete());
    assertEquals(Map.of("recs", 7L, "items", 4L), counts.records());
    assertEquals(
        Map.of("recs", 10L, "items", 4L), counts.endOffsets(), "what the old table printed");
  }

  @Test
  void recordsWrittenAfterTheEndWasTakenAreNotCounted() {
    MockConsumer<String, String> c = consumer();
    c.updateEndOffsets(Map.of(RECS_0, 2L, RECS_1, 0L, ITEMS_0, 0L));
    c.schedulePollTask(
        () -> {
          for (long o = 0; o < 5; o++) {
            c.addRecord(record(RECS_0, o));
          }
        });

    RecordCounts.Counts counts =
        RecordCounts.count(c, List.of("recs", "items"), Duration.ofSeconds(10));

    assertEquals(Map.of("recs", 2L, "items", 0L), counts.records());
    assertTrue(counts.complete());
  }

  @Test
  void aPartitionThatNeverReachesItsEndMakesTheCountAFloor() {
    MockConsumer<String, String> c = consumer();
    c.updateEndOffsets(Map.of(RECS_0, 3L, RECS_1, 0L, ITEMS_0, 0L));
    c.schedulePollTask(() -> c.addRecord(record(RECS_0, 0)));

    RecordCounts.Counts counts = RecordCounts.count(c, List.of("recs"), Duration.ofMillis(500));

    assertFalse(counts.complete());
    assertEquals(1L, counts.records().get("recs"));
  }

  @Test
  void emptyTopicsCountZero() {
    MockConsumer<String, String> c = consumer();
    c.updateEndOffsets(Map.of(RECS_0, 0L, RECS_1, 0L, ITEMS_0, 0L));
    RecordCounts.Counts counts =
        RecordCounts.count(c, List.of("recs", "items"), Duration.ofSeconds(1));
    assertTrue(counts.complete());
    assertEquals(Map.of("recs", 0L, "items", 0L), counts.records());
  }

  @Test
  void theTableShowsRecordsAndNotesOffsetsOnlyWhereTheyDiffer() {
    String table =
        TopicSummary.format(
            List.of(
                new TopicSummary.Row(
                    "recs.next_items", 7, 10, true, "recs.next_items-value id 3 v1"),
                new TopicSummary.Row("catalog.items", 4, 4, true, "catalog.items-value id 1 v1"),
                new TopicSummary.Row("models.releases", 0, 0, true, "-")));
    List<String> lines = table.lines().toList();

    assertEquals("topic                           records  value schema", lines.get(0));
    assertEquals(
        "recs.next_items                       7  recs.next_items-value id 3 v1  (10 offsets)",
        lines.get(1));
    assertEquals(
        "catalog.items                         4  catalog.items-value id 1 v1", lines.get(2));
    assertEquals("models.releases                       0  -", lines.get(3));
    assertTrue(
        lines.get(4).startsWith("records = what a read_committed consumer reads"), lines.get(4));
    assertEquals(5, lines.size());
  }

  @Test
  void anIncompleteCountIsMarkedAsAFloor() {
    String table =
        TopicSummary.format(List.of(new TopicSummary.Row("recs.next_items", 7, 10, false, "-")));
    assertTrue(
        table.contains("recs.next_items                     >=7  -\n")
            || table.contains("recs.next_items                     >=7  -\r\n"),
        table);
    assertTrue(table.contains(">= : not every partition was read to its end"), table);
    assertFalse(table.contains("offsets)"), "no offset note for a partial count: " + table);
  }
}
