package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * GRU4Rec (Hidasi et al., ICLR'16) as in the official LLMEmb code (method doc §4): item embeddings straight into a
 * 1-layer GRU without bias (no scaling, positions or dropout; padding is not masked, as officially), loss only at
 * the last position: input = train[:-1], target = train[-1], one negative.
 */
public final class Gru4Rec extends AbstractSequentialRecommender {

  /** Command-line name. */
  public static final String NAME = "gru4rec";

  private final NDArray weightIh;
  private final NDArray weightHh;

  /**
   * @param config hyperparameters ({@code numBlocks}, {@code heads} and {@code dropout} are unused)
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   */
  public Gru4Rec(BackboneConfig config, int numItems, NDManager manager, ItemEmbeddingProvider.Factory itemFactory) {
    super(NAME, config, numItems, manager, itemFactory, 0);
    int h = config.hidden();
    // PyTorch layout [3H, H] (gates r, z, n), Xavier-normal like every >=2-D parameter (§4).
    this.weightIh = parameters().xavier("gru.weight_ih_l0", 3 * h, h);
    this.weightHh = parameters().xavier("gru.weight_hh_l0", 3 * h, h);
  }

  @Override
  public NDArray encodeAll(NDArray ids, boolean training) {
    NDArray x = Layers.lookup(items().table(training), ids); // [B, L, H]
    NDArray h0 = ids.getManager().zeros(new Shape(1, ids.getShape().get(0), config().hidden()));
    NDList out = x.getNDArrayInternal().gru(x, h0, new NDList(weightIh, weightHh), false, 1, 0.0, training,
        false, true);
    return out.get(0);
  }

  @Override
  public TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng) {
    int len = config().maxLen();
    int b = samples.length;
    int[] in = new int[b * len];
    int[] pos = new int[b];
    int[] neg = new int[b];
    for (int i = 0; i < b; i++) {
      int user = samples[i];
      int[] seq = data.sequence(user);
      TrainingData.leftPad(seq, 0, seq.length - 1, in, i * len, len);
      pos[i] = seq[seq.length - 1];
      neg[i] = data.negative(user, rng);
    }
    return new TrainBatch(b, len, 1, in, pos, neg);
  }

  @Override
  protected NDArray trainHidden(NDArray inputs) {
    long len = inputs.getShape().get(1);
    return encodeAll(inputs, true).get(new NDIndex(":, {}:, :", len - 1));
  }
}
