package io.llmemb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.srs.BackboneConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a trained model directory holds besides its weights, so {@code evaluate} can rebuild the model.
 *
 * @param version format version of this file, checked on load
 * @param backbone backbone name
 * @param config hyperparameters
 * @param numItems largest item id of the training data
 * @param dataset dataset name
 * @param itemInitStd initial standard deviation of the ID table
 * @param seed training seed
 */
public record ModelManifest(int version, String backbone, BackboneConfig config, int numItems, String dataset,
    float itemInitStd, long seed) {

  /** Current format version. */
  public static final int CURRENT_VERSION = 1;
  /** File name inside the model directory. */
  public static final String FILE = "model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelManifest {
    if (version != CURRENT_VERSION) {
      throw new IllegalArgumentException("model manifest version " + version + " is not supported (expected "
          + CURRENT_VERSION + ")");
    }
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataset, "dataset");
  }

  /** Writes {@value #FILE} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
  }

  /** Reads {@value #FILE} from {@code dir}. */
  public static ModelManifest read(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(FILE).toFile(), ModelManifest.class);
  }
}
