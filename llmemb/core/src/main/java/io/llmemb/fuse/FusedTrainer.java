package io.llmemb.fuse;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.AuxiliaryLoss;
import io.llmemb.training.ModelManifest;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a backbone over {@link FusedItemEmbeddings}: the RAT text view (same adapter, same
 * alignment loss towards the pre-trained SASRec's E_srs, settings from {@link RatConfig}) beside an
 * ID view initialised from that same SASRec table, gated by training interaction counts. Early
 * stopping and checkpointing are {@link Trainer}'s.
 *
 * <p>The pre-trained SASRec must have been trained under the same cold-item selection as this run
 * (checked), or its table would carry the cold items' interactions into the ID view and E_srs.
 */
public final class FusedTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(FusedTrainer.class);

  private final RatConfig rat;
  private final FuseConfig fuse;
  private final boolean showProgress;

  /**
   * @param rat backbone, optimisation, adapter and alignment settings (as for RAT)
   * @param fuse fusion settings
   * @param showProgress whether to draw a progress bar per epoch
   */
  public FusedTrainer(RatConfig rat, FuseConfig fuse, boolean showProgress) {
    this.rat = rat;
    this.fuse = fuse;
    this.showProgress = showProgress;
  }

  /** A trained fused model, the counts its gate was trained with and its training curve. */
  public record Run(SequentialRecommender model, ItemCounts counts, TrainResult result) {}

  /**
   * Builds and trains the model; writes the counts ({@value ItemCounts#FILE}) and the cold
   * selection beside the checkpoint.
   *
   * @param prepared the prepared split (before the cold-item protocol)
   * @param cold the cold items of this run ({@link ColdItems#none()} for none)
   * @param llm the LLM table aligned to the split's items
   * @param srsDir output directory of the plain SASRec {@code train} run (same data, same cold
   *     selection, same H)
   * @param manager owner of the model's arrays
   * @param checkpointDir where the best checkpoint, counts and cold selection are written
   */
  public Run train(
      SequenceSplit prepared,
      ColdItems cold,
      LlmTable llm,
      Path srsDir,
      NDManager manager,
      Path checkpointDir)
      throws IOException {
    return train(prepared, cold, llm, srsDir, Optional.empty(), manager, checkpointDir);
  }

  /**
   * Same, optionally warm-started from a trained plain model of the same backbone: its backbone
   * weights (blocks, positions, norms, output layers) are copied as they are, its item table
   * becomes the ID view and the text view's adapter is fitted to reproduce that table from the text
   * ({@link TextViewFit}), so training starts at the ID model's solution, cold items start where
   * their text places them among the ID rows, and training adds the text view where it helps. The
   * starting weights are validated first and kept when no epoch beats them: on validation the fused
   * model is never below the model it started from.
   *
   * @param warmStart output directory of the plain {@code train} run of this backbone (same data,
   *     same cold selection, same backbone settings), or empty to train from scratch with the ID
   *     view from {@code srsDir}
   */
  public Run train(
      SequenceSplit prepared,
      ColdItems cold,
      LlmTable llm,
      Path srsDir,
      Optional<Path> warmStart,
      NDManager manager,
      Path checkpointDir)
      throws IOException {
    if (llm.numItems() != prepared.numItems()) {
      throw new IllegalArgumentException(
          "LLM table has "
              + llm.numItems()
              + " items, "
              + prepared.name()
              + " has "
              + prepared.numItems());
    }
    cold.requireSameAs(srsDir, "pre-trained SASRec");
    SequenceSplit split = cold.apply(prepared);
    ItemCounts counts = ItemCounts.fromTraining(split);
    float[] srs = RatTrainer.srsItemTable(srsDir, manager);
    int hidden = rat.backboneConfig().hidden();
    if (srs.length != (split.numItems() + 1) * hidden) {
      throw new IllegalArgumentException(
          "the pre-trained SASRec in "
              + srsDir
              + " is not "
              + hidden
              + " wide over "
              + split.numItems()
              + " items");
    }
    // The ID view starts from the SASRec table where it has the same width (not in concat mode,
    // half as wide).
    Optional<float[][]> idInit =
        fuse.idWidth(hidden) == hidden ? Optional.of(rows(srs, hidden)) : Optional.empty();
    SequentialRecommender model =
        Backbones.create(
            rat.backbone(),
            rat.backboneConfig(),
            rat.objectiveOption(),
            split.numItems(),
            manager,
            FusedItemEmbeddings.factory(
                fuse, AdapterEmbeddings.factory(rat.adapter(), llm), counts, idInit));
    if (warmStart.isPresent()) {
      warmStart(model, warmStart.get(), cold);
    }
    AdapterEmbeddings text = (AdapterEmbeddings) ((FusedItemEmbeddings) model.items()).textView();
    // The alignment compares H-wide rows; a concat text view is narrower and trains without it.
    AuxiliaryLoss align =
        text.hidden() == hidden
            ? new AlignmentLoss(
                srs, text, rat.alpha(), rat.tau(), rat.maxAlignRows(), rat.train().seed())
            : AuxiliaryLoss.NONE;
    counts.write(checkpointDir.resolve(ItemCounts.FILE));
    cold.writeTo(checkpointDir);
    Trainer trainer = new Trainer(rat.train(), showProgress, align, cold);
    TrainResult result =
        (warmStart.isPresent() ? trainer.validatingInitialWeights() : trainer)
            .fit(model, split, checkpointDir);
    return new Run(model, counts, result);
  }

  private void warmStart(SequentialRecommender model, Path dir, ColdItems cold) throws IOException {
    ModelManifest m = ModelManifest.read(dir);
    if (!m.backbone().equals(rat.backbone()) || !m.config().equals(rat.backboneConfig())) {
      throw new IllegalArgumentException(
          "the warm-start model in "
              + dir
              + " is a "
              + m.backbone()
              + " "
              + m.config()
              + ", this run trains a "
              + rat.backbone()
              + " "
              + rat.backboneConfig());
    }
    cold.requireSameAs(dir, "warm-start model");
    List<String> loaded =
        model
            .parameters()
            .loadMatching(
                dir.resolve(Trainer.CHECKPOINT_FILE),
                Map.of(IdEmbeddings.PARAM_NAME, FusedItemEmbeddings.ID_PARAM));
    if (fuse.idWidth(rat.backboneConfig().hidden()) > 0
        && !loaded.contains(FusedItemEmbeddings.ID_PARAM)) {
      throw new IllegalArgumentException(
          "the warm-start model in " + dir + " has no item table the ID view can " + "start from");
    }
    LOG.info(
        "warm start from {}: {} of {} parameters copied",
        dir,
        loaded.size(),
        model.parameters().asMap().size());
    FusedItemEmbeddings items = (FusedItemEmbeddings) model.items();
    if (items.textView() instanceof AdapterEmbeddings text
        && text.hidden() == rat.backboneConfig().hidden()) {
      float[] idTable = model.parameters().asMap().get(FusedItemEmbeddings.ID_PARAM).toFloatArray();
      TextViewFit.fit(text, model.parameters().asMap(), idTable, items.counts());
    }
  }

  private static float[][] rows(float[] flat, int width) {
    float[][] out = new float[flat.length / width][width];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(flat, r * width, out[r], 0, width);
    }
    return out;
  }
}
