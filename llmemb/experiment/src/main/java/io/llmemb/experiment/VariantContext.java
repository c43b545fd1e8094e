package io.llmemb.experiment;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.training.TrainConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link VariantRow} may read to build and train one model: the data, the backbone and
 * its settings, and the upstream artifacts of the text stages and of the pre-trained SASRec when
 * the variant asks for them.
 *
 * @param prepared the prepared dataset's split
 * @param cold the cold items of the run ({@link ColdItems#none()} outside the cold-item protocol)
 * @param split the split the model trains on: {@code prepared} without the cold items' training
 *     interactions
 * @param backbone backbone name ({@code sasrec}, {@code gru4rec}, {@code bert4rec})
 * @param backboneConfig backbone hyperparameters
 * @param train optimisation settings (its seed is the run's seed)
 * @param itemInitStd std of a plain ID table's init (the backbone's default)
 * @param embeddings LLM embedding artifact directory ({@code text.EmbeddingArtifact}), present for
 *     text variants
 * @param pca PCA artifact directory ({@code pca.PcaArtifact}), present for text variants
 * @param pretrainedSasrec plain SASRec model directory of the same seed ({@code model.json} +
 *     {@code best.params}), present when the variant asks for it (RAT's alignment target)
 * @param plainModel plain model directory of the same backbone, seed and regime, present when the
 *     variant asks for it (the fused model's warm start)
 * @param showProgress whether training draws progress bars
 */
public record VariantContext(
    SequenceSplit prepared,
    ColdItems cold,
    SequenceSplit split,
    String backbone,
    BackboneConfig backboneConfig,
    TrainConfig train,
    float itemInitStd,
    Optional<Path> embeddings,
    Optional<Path> pca,
    Optional<Path> pretrainedSasrec,
    Optional<Path> plainModel,
    boolean showProgress) {

  /** Validates the required components. */
  public VariantContext {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(cold, "cold");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(backboneConfig, "backboneConfig");
    Objects.requireNonNull(train, "train");
    embeddings = Objects.requireNonNullElse(embeddings, Optional.empty());
    pca = Objects.requireNonNullElse(pca, Optional.empty());
    pretrainedSasrec = Objects.requireNonNullElse(pretrainedSasrec, Optional.empty());
    plainModel = Objects.requireNonNullElse(plainModel, Optional.empty());
  }

  /** The embedding directory, or a clear error naming the variant that needed it. */
  public Path requireEmbeddings(String variant) {
    return embeddings.orElseThrow(
        () -> new IllegalStateException(variant + " needs LLM embeddings"));
  }

  /** The PCA directory, or a clear error naming the variant that needed it. */
  public Path requirePca(String variant) {
    return pca.orElseThrow(() -> new IllegalStateException(variant + " needs a PCA artifact"));
  }

  /**
   * The plain model directory of this backbone, or a clear error naming the variant that needed it.
   */
  public Path requirePlainModel(String variant) {
    return plainModel.orElseThrow(
        () -> new IllegalStateException(variant + " needs the plain " + backbone + " model"));
  }

  /** The pre-trained SASRec directory, or a clear error naming the variant that needed it. */
  public Path requirePretrainedSasrec(String variant) {
    return pretrainedSasrec.orElseThrow(
        () -> new IllegalStateException(variant + " needs a pre-trained SASRec"));
  }
}
