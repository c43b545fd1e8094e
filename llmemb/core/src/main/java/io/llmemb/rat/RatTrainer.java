package io.llmemb.rat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.ModelManifest;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Recommendation Adaptation Training (docs/llmemb-method.md §4, step 5 of the pipeline): a backbone
 * whose item table is {@link AdapterEmbeddings} over the frozen LLM table, trained by the existing
 * {@link Trainer} on its own loss plus α·{@link AlignmentLoss} towards the item table E_srs of a
 * pre-trained plain SASRec; early stopping on validation NDCG@10 and the best weights restored, as
 * for plain backbones.
 *
 * <p>Usage: {@code new RatTrainer(config, true).train(split, LlmTable.of(emb, pca, ids),
 * RatTrainer.srsItemTable(sasrecDir, manager), manager, checkpointDir)}; bundle the result with
 * {@link io.llmemb.bundle.ModelBundles#write}.
 */
public final class RatTrainer {

  private final RatConfig config;
  private final boolean showProgress;

  /**
   * @param config the run's settings
   * @param showProgress whether to draw a progress bar per epoch
   */
  public RatTrainer(RatConfig config, boolean showProgress) {
    this.config = config;
    this.showProgress = showProgress;
  }

  /**
   * A trained RAT model (its arrays belong to the manager given to {@link #train}) and its training
   * curve.
   */
  public record Run(SequentialRecommender model, TrainResult result) {}

  /**
   * Builds and trains the model.
   *
   * @param split prepared data; only train sequences are trained on
   * @param llm the LLM table aligned to the split's items
   * @param srsTable E_srs, [N+1, H] row-major (see {@link #srsItemTable})
   * @param manager owner of the model's arrays (and its device)
   * @param checkpointDir where the best checkpoint is written
   */
  public Run train(
      SequenceSplit split, LlmTable llm, float[] srsTable, NDManager manager, Path checkpointDir) {
    return train(split, llm, srsTable, manager, checkpointDir, ColdItems.none());
  }

  /**
   * Same, under the cold-item protocol: {@code split} is the split after {@link ColdItems#apply}
   * and the cold items are never drawn as training negatives (as for the plain and fused models of
   * the same run).
   */
  public Run train(
      SequenceSplit split,
      LlmTable llm,
      float[] srsTable,
      NDManager manager,
      Path checkpointDir,
      ColdItems cold) {
    if (llm.numItems() != split.numItems()) {
      throw new IllegalArgumentException(
          "LLM table has "
              + llm.numItems()
              + " items, "
              + split.name()
              + " has "
              + split.numItems());
    }
    SequentialRecommender model =
        Backbones.create(
            config.backbone(),
            config.backboneConfig(),
            config.objectiveOption(),
            split.numItems(),
            manager,
            AdapterEmbeddings.factory(config.adapter(), llm));
    AlignmentLoss align =
        new AlignmentLoss(
            srsTable,
            (AdapterEmbeddings) model.items(),
            config.alpha(),
            config.tau(),
            config.maxAlignRows(),
            config.train().seed());
    TrainResult result =
        new Trainer(config.train(), showProgress, align, cold).fit(model, split, checkpointDir);
    return new Run(model, result);
  }

  /**
   * E_srs: the item table (rows 0..N, row 0 zero, unscaled) of a plain model trained by {@code
   * train}, the alignment target of docs/llmemb-method.md §4 (the paper uses SASRec's).
   *
   * @param modelDir output directory of {@code train}
   * @param manager scratch manager; the model is built in a sub-manager and released
   * @return row-major [N+1, H]
   */
  public static float[] srsItemTable(Path modelDir, NDManager manager) throws IOException {
    try (NDManager scratch = manager.newSubManager();
        NDScope scope = new NDScope()) {
      SequentialRecommender srs = ModelManifest.loadModel(modelDir, scratch);
      float[] table = srs.items().table(false).toFloatArray();
      int rows = srs.numItems() + 1;
      scope.suppressNotUsedWarning();
      // Bert4Rec's table has a [MASK] row after the items; E_srs holds items only.
      return java.util.Arrays.copyOf(table, rows * srs.config().hidden());
    }
  }
}
