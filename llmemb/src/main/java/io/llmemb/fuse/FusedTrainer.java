package io.llmemb.fuse;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.AlignmentLoss;
import io.llmemb.rat.LlmTable;
import io.llmemb.rat.RatConfig;
import io.llmemb.rat.RatTrainer;
import io.llmemb.srs.AuxiliaryLoss;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainResult;
import io.llmemb.srs.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trains a backbone over {@link FusedItemEmbeddings}: the RAT text view (same adapter, same alignment loss towards
 * the pre-trained SASRec's E_srs, settings from {@link RatConfig}) beside an ID view initialised from that same
 * SASRec table, gated by training interaction counts. Early stopping and checkpointing are {@link Trainer}'s.
 *
 * <p>The pre-trained SASRec must have been trained under the same cold-item selection as this run (checked), or
 * its table would carry the cold items' interactions into the ID view and E_srs.
 */
public final class FusedTrainer {

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
   * Builds and trains the model; writes the counts ({@value ItemCounts#FILE}) and the cold selection beside the
   * checkpoint.
   *
   * @param prepared the prepared split (before the cold-item protocol)
   * @param cold the cold items of this run ({@link ColdItems#none()} for none)
   * @param llm the LLM table aligned to the split's items
   * @param srsDir output directory of the plain SASRec {@code train} run (same data, same cold selection, same H)
   * @param manager owner of the model's arrays
   * @param checkpointDir where the best checkpoint, counts and cold selection are written
   */
  public Run train(SequenceSplit prepared, ColdItems cold, LlmTable llm, Path srsDir, NDManager manager,
      Path checkpointDir) throws IOException {
    if (llm.numItems() != prepared.numItems()) {
      throw new IllegalArgumentException("LLM table has " + llm.numItems() + " items, " + prepared.name()
          + " has " + prepared.numItems());
    }
    cold.requireSameAs(srsDir, "pre-trained SASRec");
    SequenceSplit split = cold.apply(prepared);
    ItemCounts counts = ItemCounts.fromTraining(split);
    float[] srs = RatTrainer.srsItemTable(srsDir, manager);
    int hidden = rat.backboneConfig().hidden();
    if (srs.length != (split.numItems() + 1) * hidden) {
      throw new IllegalArgumentException("the pre-trained SASRec in " + srsDir + " is not " + hidden + " wide over "
          + split.numItems() + " items");
    }
    // The ID view starts from the SASRec table where it has the same width (not in concat mode, half as wide).
    Optional<float[][]> idInit = fuse.idWidth(hidden) == hidden ? Optional.of(rows(srs, hidden)) : Optional.empty();
    SequentialRecommender model = Backbones.create(rat.backbone(), rat.backboneConfig(), rat.objectiveOption(),
        split.numItems(), manager,
        FusedItemEmbeddings.factory(fuse, AdapterEmbeddings.factory(rat.adapter(), llm), counts, idInit));
    AdapterEmbeddings text = (AdapterEmbeddings) ((FusedItemEmbeddings) model.items()).textView();
    // The alignment compares H-wide rows; a concat text view is narrower and trains without it.
    AuxiliaryLoss align = text.hidden() == hidden
        ? new AlignmentLoss(srs, text, rat.alpha(), rat.tau(), rat.maxAlignRows(), rat.train().seed())
        : AuxiliaryLoss.NONE;
    counts.write(checkpointDir.resolve(ItemCounts.FILE));
    cold.writeTo(checkpointDir);
    TrainResult result = new Trainer(rat.train(), showProgress, align, cold).fit(model, split,
        checkpointDir);
    return new Run(model, counts, result);
  }

  private static float[][] rows(float[] flat, int width) {
    float[][] out = new float[flat.length / width][width];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(flat, r * width, out[r], 0, width);
    }
    return out;
  }
}
