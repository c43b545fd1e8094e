package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;

/**
 * Fetches and opens the bundle a release points to. Production: {@link BundleModelLoader}; tests:
 * in-memory.
 */
@FunctionalInterface
public interface ModelLoader {

  /**
   * The model of {@code release}, whose manifest sha256 must equal {@code release.sha256}.
   *
   * @throws IOException when the bundle cannot be read or is refused (bad checksum, unknown format,
   *     ...)
   */
  ServingModel load(ModelRelease release) throws IOException;
}
