package io.llmemb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cold-item protocol on the real-data fixture: no leak into training, deterministic per seed.
 */
class ColdItemsTest {

  private static final SequenceSplit SPLIT = MlSubset.load().split();

  @Test
  void noColdItemAppearsInAnyTrainingOrValidationInputSequence() {
    ColdItems cold = ColdItems.select(SPLIT.numItems(), ColdItems.DEFAULT_FRACTION, 7);
    SequenceSplit s = cold.apply(SPLIT);
    int coldTargets = 0;
    for (int u = 0; u < s.numUsers(); u++) {
      for (int item : s.train()[u]) {
        assertFalse(
            cold.contains(item), "cold item " + item + " in the training sequence of user " + u);
      }
      for (int item : s.validInput(u)) {
        assertFalse(
            cold.contains(item), "cold item " + item + " in the validation input of user " + u);
      }
      // The test input is the (filtered) training sequence plus the validation item and nothing
      // else.
      int[] in = s.testInput(u);
      for (int i = 0; i < in.length - 1; i++) {
        assertFalse(cold.contains(in[i]), "cold item " + in[i] + " in the test input of user " + u);
      }
      coldTargets += cold.contains(s.test()[u]) ? 1 : 0;
    }
    // Non-vacuous: the original split did have cold items in training, and some test targets are
    // cold.
    long before =
        Arrays.stream(SPLIT.train()).flatMapToInt(Arrays::stream).filter(cold::contains).count();
    assertTrue(
        before > 0 && coldTargets > 0,
        "cold training interactions " + before + ", targets " + coldTargets);
  }

  @Test
  void filteringKeepsEverythingElseInOrder() {
    ColdItems cold = ColdItems.select(SPLIT.numItems(), 0.25, 3);
    SequenceSplit s = cold.apply(SPLIT);
    for (int u = 0; u < s.numUsers(); u++) {
      int[] expected = Arrays.stream(SPLIT.train()[u]).filter(i -> !cold.contains(i)).toArray();
      assertArrayEquals(expected, s.train()[u]);
    }
    assertArrayEquals(SPLIT.valid(), s.valid());
    assertArrayEquals(SPLIT.test(), s.test());
    assertArrayEquals(SPLIT.popularity(), s.popularity());
    assertEquals(SPLIT.tailThreshold(), s.tailThreshold());
  }

  @Test
  void selectionIsDeterministicPerSeedAndSized() {
    ColdItems a = ColdItems.select(SPLIT.numItems(), 0.1, 11);
    ColdItems b = ColdItems.select(SPLIT.numItems(), 0.1, 11);
    ColdItems c = ColdItems.select(SPLIT.numItems(), 0.1, 12);
    assertArrayEquals(a.items(), b.items());
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(Math.round(0.1 * SPLIT.numItems()), a.size());
    assertEquals(a.size(), Arrays.stream(a.items()).distinct().count());
    assertTrue(Arrays.stream(a.items()).allMatch(i -> i >= 1 && i <= SPLIT.numItems()));
  }

  @Test
  void zeroFractionIsTheIdentityAndBadFractionsAreRefused() {
    ColdItems none = ColdItems.select(SPLIT.numItems(), 0, 1);
    assertTrue(none.isEmpty());
    assertSame(SPLIT, ColdItems.none().apply(SPLIT));
    assertThrows(IllegalArgumentException.class, () -> ColdItems.select(10, 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> ColdItems.select(10, -0.1, 1));
  }
}
