package io.llmemb.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.Provenance;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a trained model directory holds besides its weights, so {@code evaluate} can rebuild the
 * model. Reading refuses a newer format before anything else ({@link ArtifactManifests}).
 *
 * @param version format version of this file, checked on load
 * @param backbone backbone name
 * @param config hyperparameters
 * @param numItems largest item id of the training data
 * @param dataset dataset name
 * @param itemInitStd initial standard deviation of the ID table
 * @param seed training seed
 * @param provenance where the model came from, or null (not written then; absent from earlier
 *     files)
 */
public record ModelManifest(
    int version,
    String backbone,
    BackboneConfig config,
    int numItems,
    String dataset,
    float itemInitStd,
    long seed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

  /** Current format version. */
  public static final int CURRENT_VERSION = 1;

  /** File name inside the model directory. */
  public static final String FILE = "model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelManifest {
    if (version != CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "model manifest version "
              + version
              + " is not supported (expected "
              + CURRENT_VERSION
              + ")");
    }
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataset, "dataset");
  }

  /** A manifest without provenance. */
  public ModelManifest(
      int version,
      String backbone,
      BackboneConfig config,
      int numItems,
      String dataset,
      float itemInitStd,
      long seed) {
    this(version, backbone, config, numItems, dataset, itemInitStd, seed, null);
  }

  /** Writes {@value #FILE} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
  }

  /**
   * Rebuilds the plain ID model a {@code train} output directory holds ({@value #FILE} + the best
   * checkpoint).
   *
   * @param dir model directory written by {@code train}
   * @param manager owner of the parameters
   */
  public static SequentialRecommender loadModel(Path dir, NDManager manager) throws IOException {
    ModelManifest m = read(dir);
    SequentialRecommender model =
        Backbones.create(
            m.backbone(), m.config(), m.numItems(), manager, IdEmbeddings.factory(m.itemInitStd()));
    model.parameters().load(dir.resolve(Trainer.CHECKPOINT_FILE));
    return model;
  }

  /** Reads {@value #FILE} from {@code dir}. */
  public static ModelManifest read(Path dir) throws IOException {
    return ArtifactManifests.readJson(
        dir.resolve(FILE), JSON, ModelManifest.class, "model manifest", "version", CURRENT_VERSION);
  }
}
