package io.llmemb.bundle;

/**
 * An item-embedding provider whose state is more than its trainable parameters (a frozen LLM
 * matrix, a PCA, a config): it names its bundle variant and writes the extra parts itself, so
 * {@link ModelBundles#write} stays generic. The matching {@link VariantReader} reads those parts
 * back. A provider that does not implement this is bundled as the plain {@value
 * ModelBundles#ID_VARIANT} variant, and only {@link io.llmemb.srs.IdEmbeddings} is accepted as
 * such.
 */
public interface BundledItems {

  /**
   * Variant name recorded in the manifest ({@code rat}, {@code fused}, ...); selects the reader on
   * load.
   */
  String variant();

  /**
   * Adds the parts this provider needs besides its parameters (which {@link ModelBundles} writes
   * for every provider). Part names must not start with {@value ModelBundles#PARAM_PREFIX} and must
   * differ from {@value ModelBundles#CONFIG_PART} and {@value ModelBundles#ITEM_IDS_PART}.
   */
  void writeParts(BundleWriter writer) throws BundleException;
}
