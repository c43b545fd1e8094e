package io.llmemb.cli;

import io.llmemb.bundle.BundleMetadata;
import io.llmemb.bundle.ModelBundles;
import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --bundle}: also release the trained model as a versioned bundle for serving (picocli
 * mixin).
 */
public final class BundleOptions {

  @Option(
      names = "--bundle",
      description = "Also write the model as a serving bundle to this new directory.")
  Path bundle;

  @Option(
      names = "--bundle-version",
      description = "Release label of the bundle (default: the UTC time, e.g. 20261202T140000Z).")
  String bundleVersion;

  /**
   * Writes the bundle when {@code --bundle} was given.
   *
   * @param model the trained model
   * @param dataDir prepared dataset directory (its manifest pins the data snapshot)
   * @param dataset the prepared dataset (raw item ids)
   * @param metrics metrics for the manifest
   * @param config hyperparameters for the provenance
   * @param encoderId text encoder id, or {@link ReleaseInfo#NO_TEXT}
   * @param promptVersion prompt version, or {@link ReleaseInfo#NO_TEXT}
   */
  public Optional<WrittenBundle> write(
      SequentialRecommender model,
      Path dataDir,
      PreparedDataset dataset,
      Map<String, Double> metrics,
      Map<String, String> config,
      String encoderId,
      String promptVersion)
      throws IOException {
    if (bundle == null) {
      return Optional.empty();
    }
    DatasetManifest dm = PreparedDatasetStore.manifest(dataDir);
    String snapshot = dm.files().getOrDefault(PreparedDatasetStore.SEQUENCES, dm.cacheKey());
    String version =
        bundleVersion != null ? bundleVersion : BundleMetadata.timestampVersion(Instant.now());
    ReleaseInfo release =
        new ReleaseInfo(
            version,
            ReleaseInfo.provenance(dm.name(), snapshot, config, encoderId, promptVersion),
            metrics);
    WrittenBundle written = ModelBundles.write(bundle, model, dataset.catalog().itemIds(), release);
    System.out.printf(
        "bundle %s (%s, manifest sha256 %s)%n",
        written.dir(), written.manifest().variant(), written.manifestSha256());
    return Optional.of(written);
  }
}
