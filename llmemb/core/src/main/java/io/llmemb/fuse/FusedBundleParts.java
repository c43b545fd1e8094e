package io.llmemb.fuse;

import io.llmemb.bundle.Bundle;
import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.BundleWriter;
import io.llmemb.bundle.NpyArray;
import java.io.IOException;
import java.util.Optional;

/**
 * The frozen state of a {@code fused} bundle besides its parameters and its text view's parts:
 * {@value #CONFIG} (fusion settings, text-view variant), {@value #COUNTS} (the training interaction
 * counts the gate was trained with, int32 [N + 1]) and, in null-space mode, {@value #NULL_SPACE}
 * (the fixed projection, float32 [H, H]).
 */
final class FusedBundleParts {

  static final String CONFIG = "fused-config.json";
  static final String COUNTS = "fused-item-counts.npy";
  static final String NULL_SPACE = "fused-null-space.npy";

  /**
   * Content of {@value #CONFIG}.
   *
   * @param fuse fusion settings
   * @param textVariant bundle variant of the text view (its parts sit beside these)
   */
  record Config(FuseConfig fuse, String textVariant) {}

  private FusedBundleParts() {}

  static void write(BundleWriter writer, FusedItemEmbeddings items, String textVariant)
      throws BundleException {
    writer.putJson(CONFIG, new Config(items.config(), textVariant));
    writer.putNpy(COUNTS, NpyArray.of(items.counts().counts()));
    Optional<float[][]> p = items.nullSpaceProjection();
    if (p.isPresent()) {
      writer.putNpy(NULL_SPACE, NpyArray.of(p.get()));
    }
  }

  static Config config(Bundle bundle) throws IOException {
    return bundle.json(CONFIG, Config.class);
  }

  static ItemCounts counts(Bundle bundle) throws IOException {
    NpyArray a = bundle.npy(COUNTS);
    if (a.ints() == null || a.shape().length != 1) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          COUNTS,
          "int32 [numItems + 1]",
          a.toString(),
          "item counts must be an int32 vector");
    }
    try {
      return new ItemCounts(a.ints());
    } catch (IllegalArgumentException e) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          COUNTS,
          "non-negative counts, 0 at padding",
          a.toString(),
          e.getMessage());
    }
  }

  static Optional<float[][]> nullSpace(Bundle bundle, Config c) throws IOException {
    return c.fuse().mode() == FuseConfig.Mode.NULL_SPACE
        ? Optional.of(bundle.npy(NULL_SPACE).toFloatMatrix())
        : Optional.empty();
  }
}
