package io.llmemb.bundle;

import io.llmemb.srs.ItemEmbeddingProvider;
import java.io.IOException;

/**
 * Reads the item-embedding provider of one bundle variant back from a bundle (the inverse of {@link
 * BundledItems#writeParts}). Found by {@link java.util.ServiceLoader}: an implementation is listed
 * in {@code META-INF/services/io.llmemb.bundle.VariantReader}, so a new variant needs no change to
 * {@link ServingModels}. The plain {@value ModelBundles#ID_VARIANT} variant is built in.
 */
public interface VariantReader {

  /** The variant this reader handles, as written by {@link BundledItems#variant()}. */
  String variant();

  /**
   * A factory that rebuilds the provider with the bundle's frozen state; its trainable parameters
   * are then filled from the bundle's parameter parts by {@link ServingModels}.
   *
   * @param bundle the verified bundle
   * @throws BundleException naming the part when one is missing or malformed
   */
  ItemEmbeddingProvider.Factory providerFactory(Bundle bundle) throws IOException;
}
