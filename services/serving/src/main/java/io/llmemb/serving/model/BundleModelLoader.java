package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads bundles from a directory model store with {@link ServingModels}: {@code file:} URIs are
 * used as they are, a bare path is resolved against the store. The manifest and every part are
 * verified against the release's sha256 before any weights are read, so a tampered or half-copied
 * bundle is refused.
 */
public final class BundleModelLoader implements ModelLoader {

  private final Path store;

  /** Loads from the model store directory {@code store}. */
  public BundleModelLoader(Path store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ServingModel load(ModelRelease release) throws IOException {
    return ServingModels.load(resolve(release.getUri()), release.getSha256());
  }

  /** The bundle directory of {@code uri}. */
  Path resolve(String uri) throws IOException {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return store.resolve(uri);
    }
    if (parsed.getScheme() == null) {
      return store.resolve(uri);
    }
    if ("file".equals(parsed.getScheme())) {
      return Path.of(parsed);
    }
    throw new IOException(
        "model release uri "
            + uri
            + ": scheme "
            + parsed.getScheme()
            + " is not supported (file: or a path in the model store "
            + store
            + ")");
  }
}
