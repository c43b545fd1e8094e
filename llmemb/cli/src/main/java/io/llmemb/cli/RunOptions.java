package io.llmemb.cli;

import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.rat.LlmTable;
import io.llmemb.srs.Backbones;
import io.llmemb.variant.VariantInputs;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The option blocks every training command shares ({@code train}, {@code rat}): backbone,
 * optimisation, engine, evaluation protocol and bundle release (picocli mixin of mixins).
 */
public final class RunOptions {

  @Option(
      names = "--data",
      required = true,
      description = "Prepared dataset directory (from `prepare`).")
  Path data;

  @Mixin BackboneOptions model;

  @Mixin TrainingOptions training;

  @Mixin EngineOptions engine;

  @Mixin ProtocolOptions protocol;

  @Mixin BundleOptions bundle;

  /** Backbone choice and hyperparameters. */
  public BackboneOptions model() {
    return model;
  }

  /** Optimisation, early stopping, baselines. */
  public TrainingOptions training() {
    return training;
  }

  /** Device, threads, seed. */
  public EngineOptions engine() {
    return engine;
  }

  /** Evaluation protocols. */
  public ProtocolOptions protocol() {
    return protocol;
  }

  /** Bundle release. */
  public BundleOptions bundle() {
    return bundle;
  }

  /** The {@code --data} directory. */
  public Path data() {
    return data;
  }

  /** The prepared dataset in {@code --data}. */
  public PreparedDataset dataset() {
    return PreparedDatasetStore.load(data);
  }

  /**
   * The variant inputs these options describe over {@code dataset}, progress bars on.
   *
   * @param itemInitStd std of a plain ID table's init, or null for the backbone's default
   * @param text the LLM table of a text variant
   * @param sasrec the pre-trained SASRec directory of a text variant
   * @param plain the fused model's warm start
   */
  public VariantInputs inputs(
      PreparedDataset dataset,
      ColdItems cold,
      Float itemInitStd,
      Optional<LlmTable> text,
      Optional<Path> sasrec,
      Optional<Path> plain) {
    String backbone = model.backbone();
    return new VariantInputs(
        dataset.split(),
        cold,
        backbone,
        model.config(),
        model.objective(),
        training.config(engine.seed()),
        itemInitStd != null ? itemInitStd : Backbones.defaultItemInitStd(backbone),
        text,
        sasrec,
        plain,
        true);
  }
}
