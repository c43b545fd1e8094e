package io.llmemb.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.data.SequenceSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts come from the training sequences only and survive a file round trip. */
class ItemCountsTest {

  @TempDir Path tmp;

  @Test
  void countsEveryTrainingOccurrenceAndNoValidationOrTestItem() throws Exception {
    // Item 4 appears only as a validation target, item 5 only as a test target, item 1 twice in one
    // sequence.
    SequenceSplit s =
        new SequenceSplit(
            "hand",
            6,
            new int[][] {{1, 2, 1}, {2, 3}},
            new int[] {4, 1},
            new int[] {5, 2},
            new int[] {0, 2, 2, 1, 1, 1, 0},
            2,
            3);
    ItemCounts c = ItemCounts.fromTraining(s);
    assertArrayEquals(new int[] {0, 2, 2, 1, 0, 0, 0}, c.counts());
    assertEquals((float) Math.log1p(2), c.logScaled()[1], 1e-7);
    assertEquals(0f, c.logScaled()[4]);
    Path f = tmp.resolve("m").resolve(ItemCounts.FILE);
    c.write(f);
    assertEquals(c, ItemCounts.read(f));
    assertThrows(IllegalArgumentException.class, () -> new ItemCounts(new int[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new ItemCounts(new int[] {0, -1}));
  }

  @Test
  void coldItemsCountZero() {
    for (int item : FuseFixtures.COLD.items()) {
      assertEquals(0, FuseFixtures.COUNTS.count(item));
    }
  }
}
