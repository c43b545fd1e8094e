package io.llmemb.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.eval.EvalProtocol.Ranking;
import org.junit.jupiter.api.Test;

/** Each validation's candidate set, epoch after epoch, and its names. */
class ValidationTest {

  @Test
  void fullRanksEveryItemAndSampledDrawsItsNegativesOncePerRun() {
    assertEquals(Ranking.FULL, Validation.FULL.protocol(42, 1).ranking());
    assertEquals(Ranking.SAMPLED, Validation.SAMPLED.protocol(42, 1).ranking());
    assertEquals(
        Validation.SAMPLED.protocol(42, 1).seed(),
        Validation.SAMPLED.protocol(42, 30).seed(),
        "the same negatives every epoch");
    assertNotEquals(
        Validation.SAMPLED.protocol(42, 1).seed(),
        Validation.SAMPLED.protocol(43, 1).seed(),
        "another run seed, other negatives");
    assertNotEquals(
        Validation.SAMPLED_RESAMPLED.protocol(42, 1).seed(),
        Validation.SAMPLED_RESAMPLED.protocol(42, 2).seed(),
        "the official code redraws every epoch");
  }

  @Test
  void labelsRoundTripAndATypoNamesTheChoices() {
    for (Validation v : Validation.values()) {
      assertEquals(v, Validation.parse(v.label().toUpperCase(java.util.Locale.ROOT)));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Validation.parse("sample"));
    assertTrue(e.getMessage().contains("full, sampled, sampled-resampled"), e.getMessage());
    assertTrue(e.getMessage().contains("'sample'"), e.getMessage());
  }

  @Test
  void namedDefaultsDrawTheirNegativesOnceAndTheShortConstructorsRedrawAsTheOfficialCode() {
    assertEquals(Validation.SAMPLED, TrainConfig.defaults(1).validation());
    assertEquals(Validation.SAMPLED_RESAMPLED, new TrainConfig(1e-3, 32, 10, 5, 1).validation());
    assertEquals(
        Validation.FULL,
        TrainConfig.defaults(1).withValidation(Validation.FULL).withMinEpochs(3).validation(),
        "withMinEpochs keeps the validation");
  }
}
