package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A scan in progress never holds up the writer: inserts, deletes and growth complete while it is
 * parked.
 */
class ItemRowsConcurrencyTest {

  @Test
  void writesCompleteWhileAScanIsParkedInsideItsKernel() throws Exception {
    ItemRows rows =
        RandomRows.rows(RandomRows.gaussian(ItemRows.CHUNK_ROWS, 4, 1)); // exactly one full chunk
    CountDownLatch inKernel = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DotKernel parking =
        new DotKernel() {
          @Override
          public void dots(float[] query, float[] block, int n, float[] out) {
            inKernel.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            new ScalarDot().dots(query, block, n, out);
          }

          @Override
          public String name() {
            return "parking";
          }
        };
    CompletableFuture<List<ScoredRow>> scan =
        CompletableFuture.supplyAsync(
            () -> new ExactScorer(rows, parking).top(new float[] {1, 0, 0, 0}, 3, new int[0]));
    assertTrue(inKernel.await(30, TimeUnit.SECONDS), "scan never started");

    // A new chunk, a delete and a replacement, all while the scan is parked mid-chunk.
    int added = rows.put("new", new float[] {100, 0, 0, 0});
    rows.setActive("i0", false);
    rows.put("i1", new float[] {0, 0, 0, 1});

    assertEquals(ItemRows.CHUNK_ROWS, added);
    assertEquals(ItemRows.CHUNK_ROWS + 1, rows.count());
    assertTrue(!scan.isDone(), "the scan was meant to be still parked");
    release.countDown();
    // The parked scan saw the rows as they were when it started: the new row is not among its
    // results.
    assertTrue(scan.get(30, TimeUnit.SECONDS).stream().noneMatch(s -> s.row() == added));
    assertEquals(
        added,
        new ExactScorer(rows, new ScalarDot())
            .top(new float[] {1, 0, 0, 0}, 1, new int[0])
            .get(0)
            .row());
  }
}
