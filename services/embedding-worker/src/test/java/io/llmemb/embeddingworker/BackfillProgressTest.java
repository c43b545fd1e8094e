package io.llmemb.embeddingworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

  private final TopicPartition p0 = new TopicPartition("catalog.items", 0);
  private final TopicPartition p1 = new TopicPartition("catalog.items", 1);

  @Test
  void countsRecordsBetweenStartAndTheEndSeenAtTheBeginning() {
    EmbeddingBatcherTest.MutableClock clock = new EmbeddingBatcherTest.MutableClock();
    // Partition 0 was compacted up to offset 10: only 10..30 is left to read.
    BackfillProgress p =
        new BackfillProgress(Map.of(p0, 10L, p1, 0L), Map.of(p0, 30L, p1, 20L), clock);
    assertEquals(40, p.total());
    Map<TopicPartition, Long> pos =
        Map.of(p0, 20L, p1, 25L); // p1 moved past the backfill end: capped
    assertEquals(30, p.done(pos::get));
    assertEquals(0.75, p.fraction(pos::get), 1e-9);
    clock.advance(Duration.ofSeconds(10));
    String line = p.describe(pos::get);
    assertTrue(line.startsWith("backfill 75.0% (30/40 records, 3.0 records/s, ETA 3 s)"), line);
  }

  @Test
  void emptyTopicIsDone() {
    BackfillProgress p =
        new BackfillProgress(
            Map.of(p0, 0L), Map.of(p0, 0L), new EmbeddingBatcherTest.MutableClock());
    assertEquals(1.0, p.fraction(tp -> 0L));
  }
}
