package io.llmemb.variant;

import ai.djl.ndarray.NDManager;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.SasRec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A variant trained from data alone: the upstream plain models it needs and its inputs lack (the
 * pre-trained SASRec of the text variants, the fused model's warm start) are trained first, each on
 * a fresh engine state and freed after, exactly as the {@code train} command would write them. The
 * experiment caches those models as stages instead; the trainer service and anyone with a prepared
 * dataset use this.
 */
public final class VariantPipeline {

  /** Sub-directory of the work directory holding the pre-trained SASRec. */
  public static final String SASREC_DIR = "srs";

  /**
   * Sub-directory holding the plain model of a non-SASRec backbone (the fused model's warm start).
   */
  public static final String PLAIN_DIR = "warm-start";

  private VariantPipeline() {}

  /**
   * Trains {@code variant} after its missing upstream models.
   *
   * @param engine device, threads and seed; applied (re-seeded) before every training
   * @param workDir scratch directory: upstream models in {@value #SASREC_DIR} / {@value
   *     #PLAIN_DIR}, the variant in a sub-directory named by its kind
   * @return the variant's model, its weights owned by the returned manager (the caller closes it)
   */
  public static Result train(
      Variant variant, VariantInputs inputs, EngineConfig engine, Path workDir) throws IOException {
    if (variant.needsText()) {
      inputs.requireText(variant.kind());
    }
    Path sasrec = inputs.pretrainedSasrec().orElse(null);
    Path plain = inputs.plainModel().orElse(null);
    // The alignment target is SASRec's item table whatever the backbone, as in the paper. When the
    // backbone is
    // SASRec that one model is also the warm start (under the configured spelling, which the warm
    // start compares).
    boolean backboneIsSasrec = SasRec.NAME.equalsIgnoreCase(inputs.backbone());
    if (variant.needsPretrainedSasrec() && sasrec == null) {
      sasrec =
          trainPlain(
              backboneIsSasrec ? inputs : inputs.withBackbone(SasRec.NAME),
              engine,
              workDir.resolve(SASREC_DIR));
    }
    if (variant.usesPlainModel() && plain == null) {
      plain =
          backboneIsSasrec && sasrec != null
              ? sasrec
              : trainPlain(inputs, engine, workDir.resolve(PLAIN_DIR));
    }
    VariantInputs resolved = inputs.withUpstream(sasrec, plain);
    NDManager manager = NDManager.newBaseManager(engine.apply());
    try {
      TrainedVariant trained =
          variant.train(
              resolved, manager, Files.createDirectories(workDir.resolve(variant.kind())));
      return new Result(trained, resolved, manager);
    } catch (IOException | RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  private static Path trainPlain(VariantInputs inputs, EngineConfig engine, Path dir)
      throws IOException {
    VariantInputs plain =
        new VariantInputs(
            inputs.prepared(),
            inputs.cold(),
            inputs.backbone(),
            inputs.backboneConfig(),
            inputs.objective(),
            inputs.train(),
            inputs.itemInitStd(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            inputs.showProgress());
    try (NDManager manager = NDManager.newBaseManager(engine.apply())) {
      new PlainVariant().train(plain, manager, Files.createDirectories(dir));
    }
    return dir;
  }

  /**
   * A trained variant with the native memory that holds its weights.
   *
   * @param trained the model and its training curve
   * @param inputs the inputs it was trained on, upstream models resolved
   * @param manager owner of the weights
   */
  public record Result(TrainedVariant trained, VariantInputs inputs, NDManager manager) {}
}
