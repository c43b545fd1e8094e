package io.llmemb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.eval.GroupMetrics;
import org.junit.jupiter.api.Test;

/** A group without test cases is shown as unmeasured, not as a measured zero. */
class ResultTableCellTest {

  @Test
  void emptyGroupIsADash() {
    assertEquals("— (0)", ResultTableWriter.cell(new GroupMetrics(0, 0, 0)));
    assertEquals("0.5000 / 0.2500 (4)", ResultTableWriter.cell(new GroupMetrics(4, 0.5, 0.25)));
  }
}
