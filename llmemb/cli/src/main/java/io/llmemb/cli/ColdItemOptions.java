package io.llmemb.cli;

import io.llmemb.data.ColdItems;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Cold-item protocol options shared by {@code train} and {@code evaluate} (picocli mixin; see
 * {@link ColdItems}).
 */
public final class ColdItemOptions {

  @Option(
      names = "--cold-fraction",
      arity = "0..1",
      defaultValue = "0",
      fallbackValue = "" + ColdItems.DEFAULT_FRACTION,
      description =
          "Cold-item protocol: remove every training interaction of this share of items (seeded) and "
              + "report the test cases whose target is one of them; bare flag = "
              + ColdItems.DEFAULT_FRACTION
              + ", 0 = off (default: ${DEFAULT-VALUE}). `evaluate` of a model reads the model's own selection.")
  double fraction;

  @Option(names = "--cold-seed", description = "Seed of the cold-item selection (default: --seed).")
  Long seed;

  /**
   * The selection these options describe.
   *
   * @param numItems largest item id
   * @param defaultSeed seed used when {@code --cold-seed} is absent
   */
  public ColdItems select(int numItems, long defaultSeed) {
    return fraction == 0
        ? ColdItems.none()
        : ColdItems.select(numItems, fraction, seed != null ? seed : defaultSeed);
  }

  /** Whether the options ask for the protocol. */
  public boolean requested() {
    return fraction != 0;
  }

  /**
   * The cold items to evaluate a trained model with: those it was trained without. Asking for
   * another selection is an error, and so is asking for one from a model that trained on every item
   * (its "cold" items would not be cold).
   *
   * @param modelDir model directory written by {@code train}
   * @param numItems largest item id
   * @param defaultSeed seed used when {@code --cold-seed} is absent
   */
  public ColdItems forModel(Path modelDir, int numItems, long defaultSeed) throws IOException {
    if (!requested()) {
      return ColdItems.readFrom(modelDir);
    }
    ColdItems asked = select(numItems, defaultSeed);
    asked.requireSameAs(modelDir, "model");
    return asked;
  }
}
