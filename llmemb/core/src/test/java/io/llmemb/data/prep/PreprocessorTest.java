package io.llmemb.data.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.SequenceSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

  /**
   * File order: user 10 first, then 9, then 3; user 9 has a timestamp tie between r and p (r first
   * in the file).
   */
  private static final String[][] ROWS = {
    {"10", "s", "1"},
    {"10", "r", "2"},
    {"10", "t", "3"},
    {"10", "t", "4"},
    {"9", "r", "5"},
    {"9", "p", "5"},
    {"9", "s", "3"},
    {"3", "p", "1"},
    {"3", "q", "2"}
  };

  private static RawDataset raw(String[][] rows) {
    List<Interaction> list = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      list.add(
          new Interaction(rows[i][0], rows[i][1], Long.parseLong(rows[i][2]), 4.0, "t", i + 1));
    }
    return new RawDataset("movielens", list, Map.of(), new LoadReport("test"));
  }

  private static PrepConfig config(int core, TieRule rule) {
    return new PrepConfig("t", core, core, false, 3, TailThreshold.of(2), 3, rule);
  }

  @Test
  void rawItemIdTieRuleNumbersUsersByRawIdAndItemsInFirstMeetOrder() {
    PreparedDataset ds = Preprocessor.prepare(raw(ROWS), config(1, TieRule.RAW_ITEM_ID));
    SequenceSplit s = ds.split();
    // user 3 (p, q) is numbered first, gives p=1 q=2, and is then dropped for having 2 items: q
    // stays an unused id
    assertEquals(List.of("9", "10"), ds.rawUserIds());
    assertEquals(Arrays.asList(null, "p", "q", "s", "r", "t"), ds.catalog().rawItemIds());
    assertEquals(5, s.numItems());
    assertArrayEquals(new int[] {3}, s.train()[0]); // s(3) then the tie p(5) < r(5) by raw id
    assertEquals(1, s.valid()[0]);
    assertEquals(4, s.test()[0]);
    assertArrayEquals(new int[] {3, 4}, s.train()[1]);
    assertEquals(5, s.valid()[1]);
    assertEquals(5, s.test()[1]);
    assertArrayEquals(
        new int[] {0, 1, 0, 2, 2, 1}, s.popularity(), "t repeated by one user counts once");
  }

  @Test
  void fileOrderTieRuleKeepsFileOrderForTiesAndUsers() {
    PreparedDataset ds = Preprocessor.prepare(raw(ROWS), config(1, TieRule.FILE_ORDER));
    SequenceSplit s = ds.split();
    assertEquals(List.of("10", "9"), ds.rawUserIds());
    // q (id 5) belonged only to the dropped user 3: numItems is the largest id still used
    assertEquals(Arrays.asList(null, "s", "r", "t", "p"), ds.catalog().rawItemIds());
    assertArrayEquals(new int[] {1, 2}, s.train()[0]);
    assertArrayEquals(new int[] {1}, s.train()[1]);
    assertEquals(2, s.valid()[1], "stable sort keeps r (file first) before p at the same time");
    assertEquals(4, s.test()[1]);
  }

  @Test
  void onePassDiffersFromIterativeCore() {
    // items w, q, r are seen once; dropping them leaves B with 2 and C with 1 interaction
    String[][] rows = {
      {"A", "x", "1"},
      {"A", "y", "2"},
      {"A", "z", "3"},
      {"B", "x", "1"},
      {"B", "y", "2"},
      {"B", "w", "3"},
      {"C", "z", "1"},
      {"C", "q", "2"},
      {"C", "r", "3"}
    };
    List<Interaction> in = raw(rows).interactions();
    assertEquals(6, CoreFilter.apply(in, 3, 2, false).size(), "one pass uses the raw counts only");
    assertEquals(0, CoreFilter.apply(in, 3, 2, true).size(), "k-core unravels completely");
  }

  @Test
  void nothingLeftIsAnError() {
    String[][] rows = {{"A", "x", "1"}, {"A", "y", "2"}};
    assertThrows(
        IllegalStateException.class,
        () -> Preprocessor.prepare(raw(rows), config(1, TieRule.RAW_ITEM_ID)));
  }

  @Test
  void autoTailThresholdIsParetoCut() {
    int[] pop = {0, 1, 1, 1, 1, 1, 1, 1, 2, 5, 10};
    // pop < 2 covers 7 of 10 items (70%), pop < 3 covers 8 (80%)
    assertEquals(3, TailThreshold.auto().resolve(pop));
    assertEquals(2, TailThreshold.parse("auto:0.7").resolve(pop));
    assertEquals(7, TailThreshold.parse("7").resolve(pop));
    assertThrows(IllegalArgumentException.class, () -> TailThreshold.parse("often"));
  }

  @Test
  void rawIdsCompareNumericallyWhenBothAreIntegers() {
    assertEquals(-1, Integer.signum(RawIdOrder.INSTANCE.compare("9", "10")));
    assertEquals(1, Integer.signum(RawIdOrder.INSTANCE.compare("B009", "A010")));
    assertEquals(-1, Integer.signum(RawIdOrder.INSTANCE.compare("42", "A")));
  }
}
