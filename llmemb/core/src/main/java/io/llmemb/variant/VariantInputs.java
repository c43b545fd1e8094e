package io.llmemb.variant;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.rat.LlmTable;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.TrainingObjective;
import io.llmemb.training.TrainConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Variant} reads to build and train one model.
 *
 * @param prepared the prepared dataset's split (all training interactions)
 * @param cold the run's cold items ({@link ColdItems#none()} outside the cold-item protocol); the
 *     model trains on {@link #split()}, {@code prepared} without their training interactions
 * @param backbone backbone name ({@code sasrec}, {@code gru4rec}, {@code bert4rec})
 * @param backboneConfig backbone hyperparameters
 * @param objective next-item objective, or empty for the backbone's own
 * @param train optimisation settings (its seed is the run's seed)
 * @param itemInitStd std of a plain ID table's initialisation
 * @param text the frozen LLM item table (after PCA), present for the text variants
 * @param pretrainedSasrec directory of a plain SASRec trained on the same split ({@code model.json}
 *     + {@code best.params}): the alignment target E_srs of the text variants
 * @param plainModel directory of the plain model of the same backbone, seed and split: the fused
 *     model's warm start (empty = train the fused model from scratch)
 * @param showProgress whether training draws progress bars
 */
public record VariantInputs(
    SequenceSplit prepared,
    ColdItems cold,
    String backbone,
    BackboneConfig backboneConfig,
    Optional<TrainingObjective> objective,
    TrainConfig train,
    float itemInitStd,
    Optional<LlmTable> text,
    Optional<Path> pretrainedSasrec,
    Optional<Path> plainModel,
    boolean showProgress) {

  /** Validates the required components. */
  public VariantInputs {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(cold, "cold");
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(backboneConfig, "backboneConfig");
    Objects.requireNonNull(train, "train");
    objective = Objects.requireNonNullElse(objective, Optional.empty());
    text = Objects.requireNonNullElse(text, Optional.empty());
    pretrainedSasrec = Objects.requireNonNullElse(pretrainedSasrec, Optional.empty());
    plainModel = Objects.requireNonNullElse(plainModel, Optional.empty());
  }

  /**
   * Inputs of a plain model: no text, no upstream models, the backbone's own objective and
   * initialisation.
   */
  public static VariantInputs plain(
      SequenceSplit prepared,
      ColdItems cold,
      String backbone,
      BackboneConfig config,
      TrainConfig train,
      boolean showProgress) {
    return new VariantInputs(
        prepared,
        cold,
        backbone,
        config,
        Optional.empty(),
        train,
        Backbones.defaultItemInitStd(backbone),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        showProgress);
  }

  /**
   * The split the model trains on: {@link #prepared} without the cold items' training interactions.
   */
  public SequenceSplit split() {
    return cold.apply(prepared);
  }

  /** The same inputs with the LLM table. */
  public VariantInputs withText(LlmTable table) {
    return new VariantInputs(
        prepared,
        cold,
        backbone,
        backboneConfig,
        objective,
        train,
        itemInitStd,
        Optional.of(table),
        pretrainedSasrec,
        plainModel,
        showProgress);
  }

  /** The same inputs with the upstream plain models (either may be null = absent). */
  public VariantInputs withUpstream(Path sasrec, Path plain) {
    return new VariantInputs(
        prepared,
        cold,
        backbone,
        backboneConfig,
        objective,
        train,
        itemInitStd,
        text,
        Optional.ofNullable(sasrec),
        Optional.ofNullable(plain),
        showProgress);
  }

  /** The same inputs for another backbone (its own default initialisation). */
  public VariantInputs withBackbone(String other) {
    return new VariantInputs(
        prepared,
        cold,
        other,
        backboneConfig,
        objective,
        train,
        Backbones.defaultItemInitStd(other),
        text,
        pretrainedSasrec,
        plainModel,
        showProgress);
  }

  /** The LLM table, or a clear error naming the variant that needed it. */
  LlmTable requireText(String variant) {
    return text.orElseThrow(() -> new IllegalStateException(variant + " needs the LLM item table"));
  }

  /** The pre-trained SASRec directory, or a clear error naming the variant that needed it. */
  Path requirePretrainedSasrec(String variant) {
    return pretrainedSasrec.orElseThrow(
        () -> new IllegalStateException(variant + " needs a pre-trained SASRec"));
  }
}
