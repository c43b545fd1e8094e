package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The id-to-row table: every id finds its own row, through collisions, growth and replacements. */
class ItemRowsTest {

  @Test
  void everyIdFindsItsRowThroughHashCollisionsGrowthAndReplacement() {
    ItemRows rows = new ItemRows(2);
    Map<String, Integer> expected = new HashMap<>();
    List<String> ids = new ArrayList<>();
    // "Aa" and "BB" have the same String hash, so every id built from them collides with 2^k
    // others.
    for (int i = 0; i < 1 << 10; i++) {
      StringBuilder id = new StringBuilder();
      for (int bit = 0; bit < 10; bit++) {
        id.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
      }
      ids.add(id.toString());
    }
    for (int i = 0; i < 20_000; i++) {
      ids.add(Integer.toString(100_000_000 + i)); // numeric ids, as real catalogues have
    }
    for (String id : ids) {
      expected.put(id, rows.put(id, new float[] {expected.size(), 1f}));
    }
    assertEquals(ids.size(), rows.count());
    for (String id : ids) {
      int row = expected.get(id);
      assertEquals(row, rows.rowOf(id), id);
      assertEquals(id, rows.id(row));
    }
    assertEquals(-1, rows.rowOf("AaAaAaAaAaAaAaAaAaAb"));
    assertEquals(-1, rows.rowOf("not-an-item"));

    // A replaced vector keeps its row; a deleted item keeps its row and can come back.
    String some = ids.get(700);
    assertEquals(expected.get(some), rows.put(some, new float[] {-1f, -1f}));
    assertArrayEquals(new float[] {-1f, -1f}, rows.vector(expected.get(some)));
    assertEquals(expected.get(some), rows.setActive(some, false));
    assertFalse(rows.isActive(expected.get(some)));
    assertEquals(ids.size() - 1, rows.activeCount());
    assertEquals(expected.get(some), rows.setActive(some, true));
    assertTrue(rows.isActive(expected.get(some)));
    assertEquals(-1, rows.setActive("not-an-item", false));
    assertEquals(ids.size(), rows.count());
  }

  @Test
  void aReaderFindsEveryRowPublishedBeforeItLooksWhileTheTableGrows() throws Exception {
    ItemRows rows = new ItemRows(1);
    int n = 200_000;
    AtomicInteger missed = new AtomicInteger();
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              for (int seen = 0; seen < n; ) {
                int visible = rows.count();
                for (int r = seen; r < visible; r++) {
                  if (rows.rowOf("item-" + r) != r) {
                    missed.incrementAndGet();
                  }
                }
                seen = visible;
              }
            });
    for (int i = 0; i < n; i++) {
      rows.put("item-" + i, new float[] {i});
    }
    reader.get();
    assertEquals(0, missed.get(), "rows visible to count() that rowOf did not find");
  }
}
