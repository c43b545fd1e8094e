package io.llmemb.bench;

import io.llmemb.data.SequenceSplit;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.srs.SyntheticSplits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's data: real MovieLens ml-latest-small when present, else synthetic data of the
 * same size.
 */
final class EpochData {

  /** Default location written by {@code llmemb fetch-movielens}. */
  static final Path DEFAULT_DIR = Path.of("data", "ml-latest-small");

  private static final Logger LOG = LoggerFactory.getLogger(EpochData.class);

  /** ml-latest-small after §9's preprocessing: 671 users, 3,496 items, 90,072 interactions. */
  private static final int USERS = 671;

  private static final int ITEMS = 3496;
  private static final int MEAN_LEN = 134;

  private EpochData() {}

  static SequenceSplit load(Path dir) {
    if (Files.exists(dir.resolve("ratings.csv"))) {
      DatasetFormat format = DatasetFormat.of("movielens");
      return DatasetPipeline.prepare(
              format, List.of(dir), PrepConfig.defaults(format, "ml-latest-small"))
          .split();
    }
    LOG.warn("{} not found: using synthetic data of the same size", dir);
    return SyntheticSplits.ring(USERS, ITEMS, 20, 2 * MEAN_LEN - 20, 0.5, 1);
  }

  /**
   * Writes the training sequences, one user per line, space-separated ids (input of the PyTorch
   * script).
   */
  static Path writeTrain(SequenceSplit split) {
    try {
      Path file = Files.createTempFile("sasrec-train", ".txt");
      try (Writer w = Files.newBufferedWriter(file)) {
        for (int[] seq : split.train()) {
          StringBuilder sb = new StringBuilder();
          for (int item : seq) {
            sb.append(item).append(' ');
          }
          w.write(sb.toString().trim());
          w.write('\n');
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PyTorch benchmark input", e);
    }
  }
}
