package io.llmemb.data.load;

import io.llmemb.data.RawDataset;

/** Reads one public dataset layout into the common {@link RawDataset} form. */
public interface DatasetLoader {

  /**
   * Loads the given files; row problems are counted in the returned report, unusable files throw.
   */
  RawDataset load(DatasetFiles files);
}
