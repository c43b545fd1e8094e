package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * SASRec (Kang &amp; McAuley, ICDM'18) as in the official LLMEmb {@code SASRec_seq} (method doc §4): causal
 * self-attention with a sequence-to-sequence loss, every non-padding position t predicting item t+1.
 *
 * <p>Deviation from the official code, on purpose: causal and key-padding masks are applied (§7.2; without them
 * position t sees its own label).
 */
public final class SasRec extends TransformerRecommender {

  /** Command-line name. */
  public static final String NAME = "sasrec";

  /**
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public SasRec(BackboneConfig config, int numItems, NDManager manager, ItemEmbeddingProvider.Factory itemFactory) {
    super(NAME, config, numItems, manager, itemFactory, 0, true);
  }

  @Override
  public TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng) {
    int len = config().maxLen();
    int b = samples.length;
    int[] in = new int[b * len];
    int[] pos = new int[b * len];
    int[] neg = new int[b * len];
    for (int i = 0; i < b; i++) {
      int user = samples[i];
      int[] seq = data.sequence(user);
      TrainingData.leftPad(seq, 0, seq.length - 1, in, i * len, len);
      TrainingData.leftPad(seq, 1, seq.length, pos, i * len, len);
      for (int j = i * len; j < (i + 1) * len; j++) {
        if (pos[j] != 0) {
          neg[j] = data.negative(user, rng);
        }
      }
    }
    return new TrainBatch(b, len, len, in, pos, neg);
  }

  @Override
  protected NDArray trainHidden(NDArray inputs) {
    return encodeAll(inputs, true);
  }
}
