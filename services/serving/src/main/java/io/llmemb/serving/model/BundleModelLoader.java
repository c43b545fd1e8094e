package io.llmemb.serving.model;

import io.llmemb.bundle.BundleReader;
import io.llmemb.bundle.ServingModel;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads bundles from a directory model store: {@code file:} URIs are used as they are, a bare path is resolved
 * against the store. The manifest and every part are verified against the release's sha256 (via
 * {@link BundleReader}) before the opener builds the model, so a tampered or half-copied bundle is refused before
 * any weights are read.
 */
public final class BundleModelLoader implements ModelLoader {

  /** Builds a model from a verified bundle directory (e.g. {@code ServingModels::load}). */
  @FunctionalInterface
  public interface Opener {
    /** The model of the bundle at {@code dir}. */
    ServingModel open(Path dir) throws IOException;
  }

  private final Path store;
  private final Opener opener;

  /** Loads from {@code store} with {@code opener}. */
  public BundleModelLoader(Path store, Opener opener) {
    this.store = Objects.requireNonNull(store, "store");
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public ServingModel load(ModelRelease release) throws IOException {
    Path dir = resolve(release.getUri());
    BundleReader.open(dir, release.getSha256());
    return opener.open(dir);
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
    throw new IOException("model release uri " + uri + ": scheme " + parsed.getScheme()
        + " is not supported (file: or a path in the model store " + store + ")");
  }
}
