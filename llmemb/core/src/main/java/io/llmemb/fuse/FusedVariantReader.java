package io.llmemb.fuse;

import io.llmemb.bundle.Bundle;
import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.VariantReader;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.RatVariantReader;
import io.llmemb.srs.ItemEmbeddingProvider;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads {@value FusedItemEmbeddings#VARIANT} bundles (a {@link VariantReader} service): the text
 * view from its own parts (the RAT adapter's), then the fusion settings, counts and projection. The
 * ID table and the gate are parameters, filled in by {@link io.llmemb.bundle.ServingModels}.
 */
public final class FusedVariantReader implements VariantReader {

  @Override
  public String variant() {
    return FusedItemEmbeddings.VARIANT;
  }

  @Override
  public ItemEmbeddingProvider.Factory providerFactory(Bundle bundle) throws IOException {
    FusedBundleParts.Config c = FusedBundleParts.config(bundle);
    if (!AdapterEmbeddings.VARIANT.equals(c.textVariant())) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          FusedBundleParts.CONFIG,
          "text variant '" + AdapterEmbeddings.VARIANT + "'",
          "'" + c.textVariant() + "'",
          "unknown text view of a fused model");
    }
    ItemEmbeddingProvider.Factory text = new RatVariantReader().providerFactory(bundle);
    ItemCounts counts = FusedBundleParts.counts(bundle);
    Optional<float[][]> nullSpace = FusedBundleParts.nullSpace(bundle, c);
    return (params, numItems, extraRows, hidden) ->
        new FusedItemEmbeddings(
            params,
            numItems,
            extraRows,
            hidden,
            c.fuse(),
            text,
            counts,
            Optional.empty(),
            nullSpace);
  }
}
