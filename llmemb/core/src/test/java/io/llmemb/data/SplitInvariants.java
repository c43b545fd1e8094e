package io.llmemb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Assertions every prepared dataset must satisfy; shared by the fixture and real-data tests. */
final class SplitInvariants {

  private SplitInvariants() {}

  /**
   * For every user the full time-ordered sequence is train + valid + test, so train never holds the
   * last two positions; popularity is the distinct-user count recomputed here independently.
   */
  static void check(PreparedDataset ds) {
    SequenceSplit s = ds.split();
    int[] pop = new int[s.numItems() + 1];
    for (int u = 0; u < s.numUsers(); u++) {
      int[] full = s.fullSequence(u);
      assertTrue(full.length >= 3, "user " + u + " shorter than 3");
      assertArrayEquals(Arrays.copyOf(full, full.length - 2), s.train()[u], "train of user " + u);
      assertEquals(full[full.length - 2], s.valid()[u]);
      assertEquals(full[full.length - 1], s.test()[u]);
      Set<Integer> seen = new HashSet<>();
      for (int item : full) {
        assertTrue(item >= 1 && item <= s.numItems(), "item id " + item + " out of range");
        if (seen.add(item)) {
          pop[item]++;
        }
      }
    }
    assertArrayEquals(pop, s.popularity());
    assertEquals(s.numItems(), ds.catalog().numItems());
  }
}
