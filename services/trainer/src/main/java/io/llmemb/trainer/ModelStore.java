package io.llmemb.trainer;

import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.PreparedDataset;
import java.io.IOException;
import java.util.Map;

/** Where released bundles go: a directory today, an object store later. */
public interface ModelStore {

  /**
   * Writes {@code model} as an immutable bundle.
   *
   * @param version release version (unique per model)
   * @param data the snapshot it was trained on (item ids, dataset name)
   * @param datasetSha256 checksum identifying the snapshot
   * @param metrics held-out metrics recorded in the manifest
   */
  WrittenBundle write(
      String version,
      TrainedModel model,
      PreparedDataset data,
      String datasetSha256,
      Map<String, Double> metrics)
      throws IOException;
}
