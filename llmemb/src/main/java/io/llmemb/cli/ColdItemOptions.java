package io.llmemb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.ColdItems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Cold-item protocol options shared by {@code train} and {@code evaluate} (picocli mixin; see {@link ColdItems}),
 * and the model-directory file that records which items a model was trained without.
 */
public final class ColdItemOptions {

  /** File in a model directory naming the cold items the model never trained on. */
  public static final String FILE = "cold-items.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--cold-fraction", arity = "0..1", defaultValue = "0",
      fallbackValue = "" + ColdItems.DEFAULT_FRACTION,
      description = "Cold-item protocol: remove every training interaction of this share of items (seeded) and "
          + "report the test cases whose target is one of them; bare flag = " + ColdItems.DEFAULT_FRACTION
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
    return fraction == 0 ? ColdItems.none() : ColdItems.select(numItems, fraction, seed != null ? seed : defaultSeed);
  }

  /** Whether the options ask for the protocol. */
  public boolean requested() {
    return fraction != 0;
  }

  /** Writes {@value #FILE} into a model directory. */
  public static void write(ColdItems cold, Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(FILE).toFile(), cold);
  }

  /** Reads {@value #FILE} from a model directory; empty when the model was trained without the protocol. */
  public static Optional<ColdItems> read(Path modelDir) throws IOException {
    Path f = modelDir.resolve(FILE);
    return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), ColdItems.class)) : Optional.empty();
  }

  /**
   * The cold items to evaluate a trained model with: those it was trained without. Asking for another selection
   * is an error, and so is asking for one from a model that trained on every item (its "cold" items would not be
   * cold).
   *
   * @param modelDir model directory written by {@code train}
   * @param numItems largest item id
   * @param defaultSeed seed used when {@code --cold-seed} is absent
   */
  public ColdItems forModel(Path modelDir, int numItems, long defaultSeed) throws IOException {
    Optional<ColdItems> stored = read(modelDir);
    if (!requested()) {
      return stored.orElse(ColdItems.none());
    }
    ColdItems asked = select(numItems, defaultSeed);
    if (stored.isEmpty()) {
      throw new IllegalArgumentException(modelDir + " was trained on every item's interactions (no " + FILE
          + "); --cold-fraction needs a model trained with the same --cold-fraction");
    }
    if (!stored.get().equals(asked)) {
      throw new IllegalArgumentException(modelDir + "/" + FILE + " holds " + stored.get() + ", --cold-fraction "
          + "and --cold-seed ask for " + asked + "; omit them to use the model's own selection");
    }
    return asked;
  }
}
