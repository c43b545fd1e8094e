package io.llmemb.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static final double EPS = 1e-12;
  private static final RowKey SAS_NONE = new RowKey("SASRec", "None", "-");
  private static final RowKey SAS_LLMEMB = new RowKey("SASRec", "LLMEmb", "minilm");

  @Test
  void summaryUsesSampleStandardDeviation() {
    Summary s = Summary.of(List.of(1.0, 2.0, 3.0, 4.0));
    assertEquals(2.5, s.mean(), EPS);
    assertEquals(Math.sqrt(5.0 / 3.0), s.std(), EPS, "divisor n-1 = 3, not n = 4");
    assertEquals(4, s.n());
    assertTrue(Double.isNaN(Summary.of(List.of(0.7)).std()), "one seed has no sample std");
    assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
  }

  @Test
  void cellsAreMeanAndStdOverSeeds() {
    ResultTable t = ResultTable.build("sampled-100", Runs.sample());
    assertEquals(
        List.of("overall.hr@10", "overall.ndcg@10", "tail.hr@10", "tail.ndcg@10"), t.columns());
    Summary overall = t.cell(SAS_NONE, "overall.hr@10").orElseThrow();
    assertEquals(0.6, overall.mean(), EPS);
    assertEquals(0.1, overall.std(), 1e-12);
    assertEquals(3, overall.n());
    assertEquals(0.0, t.cell(SAS_NONE, "overall.ndcg@10").orElseThrow().std(), EPS);
    assertEquals(0, t.missingCells());
  }

  @Test
  void gainsAreRelativeToTheSameBackbonesNoneRow() {
    ResultTable t = ResultTable.build("sampled-100", Runs.sample());
    assertEquals(0.1, t.gain(SAS_LLMEMB, "overall.hr@10").orElseThrow(), 1e-12);
    assertEquals(-0.1, t.gain(SAS_LLMEMB, "overall.ndcg@10").orElseThrow(), 1e-12);
    assertEquals(2.0, t.gain(SAS_LLMEMB, "tail.hr@10").orElseThrow(), 1e-12);
    assertTrue(t.gain(SAS_NONE, "overall.hr@10").isEmpty(), "the baseline has no gain over itself");
  }

  @Test
  void rowsSortByBackboneThenNoneFirst() {
    ResultTable t = ResultTable.build("sampled-100", Runs.sample());
    assertEquals(List.of(new RowKey("GRU4Rec", "None", "-"), SAS_NONE, SAS_LLMEMB), t.rows());
  }

  @Test
  void coldColumnsAppearOnlyWhenMeasuredAndMissingCellsAreCounted() {
    ResultTable t = ResultTable.build("full", Runs.sample());
    assertEquals(6, t.columns().size());
    assertEquals("cold.ndcg@10", t.columns().get(5));
    assertEquals(1, t.missingCells(), "LLMEmb lacks tail N@10 under full ranking");
    assertTrue(t.gain(SAS_LLMEMB, "tail.ndcg@10").isEmpty());
    assertTrue(
        t.gain(SAS_LLMEMB, "cold.hr@10").map(g -> g.isNaN()).orElseThrow(),
        "zero baseline: undefined gain");
  }

  @Test
  void gainFormatSwitchesToRatioAtTwoTimes() {
    assertEquals("+10.0%", RelativeGain.format(0.1));
    assertEquals("-10.0%", RelativeGain.format(-0.1));
    assertEquals("+99.0%", RelativeGain.format(0.99));
    assertEquals("×2.00", RelativeGain.format(1.0));
    assertEquals("×16.32", RelativeGain.format(15.32));
    assertEquals(RelativeGain.UNDEFINED, RelativeGain.format(Double.NaN));
  }

  @Test
  void tableBlocksHaveThePaperLayout() {
    ResultTable t = ResultTable.build("full", Runs.sample());
    Block.Table values = TableBlocks.values(t);
    assertEquals(
        List.of(
            "Backbone",
            "Variant",
            "Encoder",
            "Overall H@10",
            "Overall N@10",
            "Tail H@10",
            "Tail N@10",
            "Cold H@10",
            "Cold N@10",
            "Seeds"),
        values.header());
    assertEquals(
        List.of(
            "SASRec",
            "LLMEmb",
            "minilm",
            "0.0800",
            "0.0300",
            "0.0500",
            TableBlocks.MISSING,
            "0.0400",
            "0.0200",
            "1"),
        values.rows().get(1));
    Block.Table gains = TableBlocks.gains(ResultTable.build("sampled-100", Runs.sample()));
    assertEquals(1, gains.rows().size(), "only non-None rows have gains");
    assertEquals(
        List.of("SASRec", "LLMEmb", "minilm", "+10.0%", "-10.0%", "×3.00", "×2.00"),
        gains.rows().get(0));
    assertEquals(
        "0.6000 ± 0.1000",
        TableBlocks.values(ResultTable.build("sampled-100", Runs.sample())).rows().get(1).get(3));
  }

  @Test
  void comparisonChecksFollowTheMethodDoc() {
    List<RunResult> runs = new java.util.ArrayList<>(Runs.sample());
    for (long seed = 42; seed <= 44; seed++) {
      runs.add(
          Runs.run(
              "SASRec",
              "w/o align",
              seed,
              "sampled-100",
              java.util.Map.of(
                  "overall.hr@10",
                  0.55,
                  "overall.ndcg@10",
                  0.27,
                  "tail.hr@10",
                  0.7,
                  "tail.ndcg@10",
                  0.1)));
    }
    Block.Table checks = ComparisonChecks.table(ResultTable.build("sampled-100", runs));
    assertEquals(
        List.of(
            "SASRec", "LLMEmb", "minilm", "yes", "yes", "yes", "yes", "yes", TableBlocks.MISSING),
        checks.rows().get(0));
    // 0.55 < 0.6 but within None's std 0.1; tail 0.7 is not below LLMEmb's 0.6.
    assertEquals(
        List.of("SASRec", "w/o align", "minilm", "no", "yes", "yes", "yes", "yes", "no"),
        checks.rows().get(1));
  }
}
