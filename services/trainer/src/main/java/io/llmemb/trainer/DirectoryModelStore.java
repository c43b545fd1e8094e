package io.llmemb.trainer;

import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.PreparedDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes bundles with {@link ModelBundles#write} into {@code <root>/<modelName>/<version>}, the
 * format that {@code io.llmemb.bundle.ServingModels.load} opens.
 */
public final class DirectoryModelStore implements ModelStore {

  private final Path root;
  private final String modelName;

  /** A store under {@code root} for the releases of {@code modelName}. */
  public DirectoryModelStore(Path root, String modelName) {
    this.root = root;
    this.modelName = modelName;
  }

  @Override
  public WrittenBundle write(
      String version,
      TrainedModel model,
      PreparedDataset data,
      String datasetSha256,
      Map<String, Double> metrics)
      throws IOException {
    List<String> raw = data.catalog().rawItemIds();
    List<String> itemIds = raw.subList(1, model.model().numItems() + 1);
    ReleaseInfo release =
        new ReleaseInfo(
            version,
            ReleaseInfo.provenance(
                data.split().name(),
                datasetSha256,
                model.config(),
                model.text().map(TrainedModel.TextView::llmVersion).orElse(ReleaseInfo.NO_TEXT),
                model.text().map(TrainedModel.TextView::promptVersion).orElse(ReleaseInfo.NO_TEXT)),
            metrics);
    return ModelBundles.write(
        root.resolve(modelName).resolve(version), model.model(), itemIds, release);
  }
}
