package io.llmemb.data.pipeline;

import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFiles;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.Preprocessor;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.files.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One-call entry: find files, load, preprocess, and optionally cache the result in a directory. */
public final class DatasetPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetPipeline.class);

  private DatasetPipeline() {}

  /**
   * Loads and prepares {@code inputs} (directories or files) of {@code format}; nothing is written.
   */
  public static PreparedDataset prepare(
      DatasetFormat format, List<Path> inputs, PrepConfig config) {
    DatasetFiles files = format.resolve(inputs);
    RawDataset raw = format.loader().load(files);
    return Preprocessor.prepare(raw, config);
  }

  /**
   * Like {@link #prepare} but reuses {@code outDir} when its manifest was made from the same input
   * bytes and config, and otherwise writes the result there.
   */
  public static PreparedDataset prepareCached(
      DatasetFormat format, List<Path> inputs, PrepConfig config, Path outDir) {
    DatasetFiles files = format.resolve(inputs);
    List<DatasetManifest.InputFile> hashed =
        Stream.of(files.interactions(), files.items())
            .filter(p -> p != null)
            .map(DatasetManifest.InputFile::of)
            .toList();
    DatasetManifest draft =
        new DatasetManifest(
            DatasetManifest.LAYOUT,
            config.name(),
            "",
            format.cliName(),
            DatasetManifest.configText(config),
            hashed,
            Map.of(),
            Map.of(),
            0,
            0);
    Optional<PreparedDataset> cached = PreparedDatasetStore.loadIfCurrent(outDir, draft.cacheKey());
    if (cached.isPresent()) {
      LOG.info("Reusing prepared dataset in {} (same inputs and config)", outDir);
      return cached.get();
    }
    RawDataset raw = format.loader().load(files);
    PreparedDataset ds = Preprocessor.prepare(raw, config);
    // The inputs are listed with their hashes; the provenance adds the code and library versions
    // that prepared them.
    Provenance provenance =
        Provenance.of(
            config.name(),
            draft.cacheKey(),
            Map.of("format", format.cliName(), "config", draft.config()),
            Provenance.NO_TEXT,
            Provenance.NO_TEXT);
    DatasetManifest manifest =
        new DatasetManifest(
            DatasetManifest.LAYOUT,
            config.name(),
            raw.kind(),
            format.cliName(),
            draft.config(),
            hashed,
            Map.of(),
            raw.report().counts(),
            0,
            0,
            provenance);
    PreparedDatasetStore.save(ds, manifest, outDir);
    return ds;
  }
}
