package io.llmemb.bundle;

import ai.djl.ndarray.NDArray;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a trained {@link SequentialRecommender} as a model bundle that {@link
 * ServingModels#load(Path)} opens.
 *
 * <p>Parts: {@value #CONFIG_PART} ({@link ModelConfig}: backbone, variant, hyperparameters,
 * parameter index), {@value #ITEM_IDS_PART} (raw item id of internal id i + 1 on line i + 1), one
 * {@code .npy} part per trainable parameter ({@value #PARAM_PREFIX}{@code <name>.npy}, name
 * sanitised, so {@code numpy.load} opens every weight), and whatever the item provider adds when it
 * is {@link BundledItems} (the RAT adapter's frozen LLM matrix, PCA...). Format version stays
 * {@link BundleManifest#CURRENT_VERSION}: these are new parts, not a new layout.
 */
public final class ModelBundles {

  /** Variant of a model whose items are plain trainable IDs ({@link IdEmbeddings}). */
  public static final String ID_VARIANT = "id";

  /** Part holding the {@link ModelConfig}. */
  public static final String CONFIG_PART = "model-config.json";

  /** Part holding the raw item ids, one per line, internal id order. */
  public static final String ITEM_IDS_PART = "item-ids.txt";

  /** Prefix of the parameter parts. */
  public static final String PARAM_PREFIX = "param-";

  private ModelBundles() {}

  /**
   * {@link #write(Path, SequentialRecommender, List, ReleaseInfo, Clock)} stamped with the system
   * clock.
   */
  public static WrittenBundle write(
      Path target, SequentialRecommender model, List<String> itemIds, ReleaseInfo release)
      throws IOException {
    return write(target, model, itemIds, release, Clock.systemUTC());
  }

  /**
   * Writes {@code model} (its current weights) as a bundle at {@code target}, which must not exist.
   *
   * @param itemIds raw item id of each internal id 1..numItems (element i is id i + 1)
   * @param release version, provenance and metrics for the manifest
   * @param clock stamps {@code createdAt}
   * @throws IllegalArgumentException if the id list does not match the model or its provider cannot
   *     be bundled
   */
  public static WrittenBundle write(
      Path target,
      SequentialRecommender model,
      List<String> itemIds,
      ReleaseInfo release,
      Clock clock)
      throws IOException {
    if (itemIds.size() != model.numItems()) {
      throw new IllegalArgumentException(
          "itemIds has " + itemIds.size() + " ids, model has " + model.numItems() + " items");
    }
    String variant = variantOf(model.items());
    BundleMetadata meta =
        new BundleMetadata(
            release.bundleVersion(),
            "llmemb-" + model.name() + "-" + variant,
            model.name(),
            variant,
            release.provenance(),
            release.metrics());
    BundleWriter writer = new BundleWriter(meta, clock);
    List<ModelConfig.ParameterPart> index = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Map.Entry<String, NDArray> p : model.parameters().asMap().entrySet()) {
      String part = PARAM_PREFIX + p.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".npy";
      if (!used.add(part)) {
        throw new IllegalArgumentException(
            "parameter '"
                + p.getKey()
                + "' collides with another after sanitising "
                + "to "
                + part);
      }
      long[] shape = p.getValue().getShape().getShape();
      writer.putNpy(part, toNpy(p.getKey(), p.getValue().toFloatArray(), shape));
      index.add(new ModelConfig.ParameterPart(p.getKey(), part, shape));
    }
    writer.putJson(
        CONFIG_PART,
        new ModelConfig(
            model.name(), variant, model.objectiveName(), model.numItems(), model.config(), index));
    writer.put(ITEM_IDS_PART, (String.join("\n", itemIds) + "\n").getBytes(StandardCharsets.UTF_8));
    if (model.items() instanceof BundledItems extra) {
      extra.writeParts(writer);
    }
    return writer.writeTo(target);
  }

  private static String variantOf(ItemEmbeddingProvider items) {
    if (items instanceof BundledItems b) {
      return b.variant();
    }
    if (items instanceof IdEmbeddings) {
      return ID_VARIANT;
    }
    throw new IllegalArgumentException(
        "item provider "
            + items.getClass().getName()
            + " does not implement "
            + BundledItems.class.getSimpleName()
            + "; cannot bundle it");
  }

  private static NpyArray toNpy(String name, float[] data, long[] shape) {
    if (shape.length == 1) {
      return new NpyArray(NpyArray.FLOAT32, new int[] {(int) shape[0]}, data, null);
    }
    if (shape.length == 2) {
      return new NpyArray(NpyArray.FLOAT32, new int[] {(int) shape[0], (int) shape[1]}, data, null);
    }
    throw new IllegalArgumentException(
        "parameter '"
            + name
            + "' has "
            + shape.length
            + " dimensions; bundles hold "
            + "1-D and 2-D arrays");
  }
}
