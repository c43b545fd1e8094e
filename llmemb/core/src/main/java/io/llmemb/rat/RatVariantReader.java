package io.llmemb.rat;

import io.llmemb.bundle.Bundle;
import io.llmemb.bundle.VariantReader;
import io.llmemb.srs.ItemEmbeddingProvider;
import java.io.IOException;

/**
 * Reads {@value AdapterEmbeddings#VARIANT} bundles (registered as a {@link VariantReader} service).
 */
public final class RatVariantReader implements VariantReader {

  @Override
  public String variant() {
    return AdapterEmbeddings.VARIANT;
  }

  @Override
  public ItemEmbeddingProvider.Factory providerFactory(Bundle bundle) throws IOException {
    RatBundleParts.Config c = RatBundleParts.config(bundle);
    return AdapterEmbeddings.factory(c.adapter(), RatBundleParts.read(bundle, c));
  }
}
