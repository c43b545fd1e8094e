package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The variant setting: the three accepted values bind, a typo fails at startup naming the key and
 * the values.
 */
class TrainerConfigTest {

  @Test
  void acceptsEveryVariant() {
    for (String variant : TrainerConfig.VARIANTS) {
      try (ApplicationContext ctx = context(variant)) {
        assertEquals(variant, ctx.getBean(TrainerConfig.class).variant());
      }
    }
  }

  @Test
  void refusesAnUnknownVariantNamingKeyAndValues() {
    try (ApplicationContext ctx = context("fusd")) {
      Throwable e = assertThrows(RuntimeException.class, () -> ctx.getBean(TrainerConfig.class));
      while (!(e instanceof IllegalArgumentException) && e.getCause() != null) {
        e = e.getCause();
      }
      String message = e.getMessage();
      assertTrue(
          message.contains("llmemb.trainer.variant")
              && message.contains("VARIANT")
              && message.contains("id, rat, fused")
              && message.contains("'fusd'"),
          message);
    }
  }

  /**
   * application.yml spells each default again as its environment placeholder's fallback; this keeps
   * those copies equal to the method library's, so the library stays the one place they are
   * decided.
   */
  @Test
  void theShippedDefaultsAreTheLibrarysDefaults() {
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("llmemb.trainer.enabled", false))) {
      TrainerConfig config = ctx.getBean(TrainerConfig.class);
      assertEquals(BackboneConfig.defaults(), config.backboneConfig());
      TrainConfig train = config.trainConfig();
      assertEquals(TrainConfig.DEFAULT_LR, train.learningRate());
      assertEquals(TrainConfig.DEFAULT_BATCH, train.batchSize());
      assertEquals(TrainConfig.DEFAULT_MAX_EPOCHS, train.maxEpochs());
      assertEquals(TrainConfig.DEFAULT_PATIENCE, train.patience());
      assertEquals(TrainConfig.DEFAULT_MIN_EPOCHS, train.minEpochs());
      assertEquals(TrainConfig.DEFAULT_VALIDATION, train.validation());
      assertEquals(EngineConfig.DEFAULT_SEED, train.seed());
      assertEquals(EngineConfig.MAX_DEFAULT_THREADS, config.threads());
    }
  }

  @Test
  void refusesAnUnknownValidationNamingKeyAndValues() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of("llmemb.trainer.validation", "ful", "llmemb.trainer.enabled", false))) {
      Throwable e = assertThrows(RuntimeException.class, () -> ctx.getBean(TrainerConfig.class));
      while (!(e instanceof IllegalArgumentException) && e.getCause() != null) {
        e = e.getCause();
      }
      String message = e.getMessage();
      assertTrue(
          message.contains("VALIDATION")
              && message.contains("full, sampled, sampled-resampled")
              && message.contains("'ful'"),
          message);
    }
  }

  private static ApplicationContext context(String variant) {
    return ApplicationContext.run(
        Map.of("llmemb.trainer.variant", variant, "llmemb.trainer.enabled", false));
  }
}
