package io.llmemb.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.ParameterSet;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens a model bundle written by {@link ModelBundles#write} as a {@link ServingModel}: verifies
 * every checksum ({@link BundleReader}), rebuilds the backbone from {@value
 * ModelBundles#CONFIG_PART} with the item provider of the bundle's variant ({@link VariantReader},
 * found by {@link ServiceLoader}; {@value ModelBundles#ID_VARIANT} built in), pours the parameter
 * parts in, and precomputes the item vectors. A bundle that is damaged, lacks a part, or was
 * written for an unknown variant is refused with a {@link BundleException} naming the part.
 */
public final class ServingModels {

  private ServingModels() {}

  /** Loads the bundle at {@code dir} on the CPU. */
  public static ServingModel load(Path dir) throws IOException {
    return load(BundleReader.open(dir), Device.cpu());
  }

  /** Loads the bundle only if its manifest sha256 is the one a release record carries. */
  public static ServingModel load(Path dir, String expectedManifestSha256) throws IOException {
    return load(BundleReader.open(dir, expectedManifestSha256), Device.cpu());
  }

  /** Builds the serving model of an opened bundle on {@code device}. */
  public static ServingModel load(Bundle bundle, Device device) throws IOException {
    if (!bundle.parts().contains(ModelBundles.CONFIG_PART)) {
      throw new BundleException(
          BundleException.Kind.MISSING_FILE,
          ModelBundles.CONFIG_PART,
          "a model bundle written by ModelBundles",
          "parts " + bundle.parts(),
          "bundle holds no servable model");
    }
    ModelConfig config = bundle.json(ModelBundles.CONFIG_PART, ModelConfig.class);
    String variant = bundle.manifest().variant();
    if (!variant.equals(config.variant())) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          ModelBundles.CONFIG_PART,
          "variant '" + variant + "' as in the manifest",
          "'" + config.variant() + "'",
          "variant mismatch");
    }
    ItemEmbeddingProvider.Factory factory = factoryFor(bundle, variant);
    List<String> itemIds = bundle.text(ModelBundles.ITEM_IDS_PART).lines().toList();
    if (itemIds.size() != config.numItems()) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          ModelBundles.ITEM_IDS_PART,
          config.numItems() + " ids",
          itemIds.size() + " ids",
          "item-id map does not match the model");
    }
    NDManager manager = NDManager.newBaseManager(device);
    try {
      // Every parameter is overwritten by pourParameters, which checks that each one is.
      SequentialRecommender model =
          ParameterSet.withoutRandomInit(
              () ->
                  Backbones.create(
                      config.backbone(),
                      config.backboneConfig(),
                      config.numItems(),
                      manager,
                      factory));
      pourParameters(bundle, config, model);
      return new BackboneServingModel(
          bundle.manifest().bundleVersion(),
          bundle.manifestSha256(),
          variant,
          model,
          itemIds,
          manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Variants this build can load: {@value ModelBundles#ID_VARIANT} and every {@link VariantReader}
   * service.
   */
  public static List<String> variants() {
    List<String> out = new java.util.ArrayList<>(readers().keySet());
    out.add(0, ModelBundles.ID_VARIANT);
    return out;
  }

  private static ItemEmbeddingProvider.Factory factoryFor(Bundle bundle, String variant)
      throws IOException {
    if (ModelBundles.ID_VARIANT.equals(variant)) {
      return IdEmbeddings.factory();
    }
    VariantReader reader = readers().get(variant);
    if (reader == null) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          BundleManifest.MANIFEST_FILE,
          "a variant in " + variants(),
          "'" + variant + "'",
          "no reader for this bundle variant");
    }
    return reader.providerFactory(bundle);
  }

  private static Map<String, VariantReader> readers() {
    Map<String, VariantReader> out = new TreeMap<>();
    for (VariantReader r :
        ServiceLoader.load(VariantReader.class, ServingModels.class.getClassLoader())) {
      out.putIfAbsent(r.variant(), r);
    }
    return out;
  }

  private static void pourParameters(Bundle bundle, ModelConfig config, SequentialRecommender model)
      throws IOException {
    Map<String, NDArray> params = model.parameters().asMap();
    if (params.size() != config.parameters().size()) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          ModelBundles.CONFIG_PART,
          params.size() + " parameters for this " + config.backbone() + "/" + config.variant(),
          String.valueOf(config.parameters().size()),
          "parameter index does not match the model");
    }
    for (ModelConfig.ParameterPart p : config.parameters()) {
      NDArray target = params.get(p.name());
      if (target == null) {
        throw new BundleException(
            BundleException.Kind.MALFORMED,
            p.part(),
            "a parameter of the model",
            "'" + p.name() + "'",
            "unknown parameter");
      }
      NpyArray saved = bundle.npy(p.part());
      long[] expected = target.getShape().getShape();
      if (!Arrays.equals(expected, Arrays.stream(saved.shape()).asLongStream().toArray())) {
        throw new BundleException(
            BundleException.Kind.MALFORMED,
            p.part(),
            Arrays.toString(expected),
            Arrays.toString(saved.shape()),
            "parameter shape differs from the model's");
      }
      target.set(saved.floats());
    }
  }
}
