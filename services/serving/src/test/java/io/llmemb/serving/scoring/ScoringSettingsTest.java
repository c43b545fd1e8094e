package io.llmemb.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The search beam widens with the catalogue beyond the size it was chosen at, never below it. */
class ScoringSettingsTest {

  @Test
  void theBeamIsTheConfiguredOneUpToTheReferenceSizeAndGrowsWithItsSquareRootBeyond() {
    ScoringSettings s = ScoringSettings.DEFAULT;
    assertEquals(300, s.beamAt(0));
    assertEquals(300, s.beamAt(ScoringSettings.BEAM_REFERENCE_ROWS));
    assertEquals(600, s.beamAt(4 * ScoringSettings.BEAM_REFERENCE_ROWS));
    assertEquals(949, s.beamAt(1_000_000));
    int previous = 0;
    for (int rows = 50_000; rows <= 5_000_000; rows += 50_000) {
      int beam = s.beamAt(rows);
      assertTrue(beam >= previous, "beam shrank at " + rows + " rows");
      previous = beam;
    }
    assertEquals(32, new ScoringSettings(1, 32, 200, 10).beamAt(1_000_000)); // 31.6 rounded up
  }

  @Test
  void nonPositiveSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ScoringSettings(1, 32, 200, 0));
    assertThrows(IllegalArgumentException.class, () -> new ScoringSettings(1, 1, 200, 300));
  }
}
