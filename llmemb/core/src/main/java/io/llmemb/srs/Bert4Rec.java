package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * Bert4Rec (Sun et al., CIKM'19) as in the official LLMEmb code (docs/llmemb-method.md §4): the
 * SASRec block stack, bidirectional with a key-padding mask (§7.2), trained by cloze.
 *
 * <p>An epoch holds two samples per user: a cloze sample (each item selected with {@code maskProb};
 * a selected item becomes [MASK] 80 %, a random item 10 %, itself 10 %) and a sample with only the
 * last item masked. The [MASK] token is item id {@code numItems + 1}. Prediction appends [MASK] to
 * the history and keeps the last {@code maxLen} columns.
 */
public final class Bert4Rec extends TransformerRecommender {

  /** Command-line name. */
  public static final String NAME = "bert4rec";

  /** Name of the cloze objective in result files. */
  public static final String OBJECTIVE_NAME = "cloze";

  private static final double REPLACE_WITH_MASK = 0.8;
  private static final double REPLACE_WITH_RANDOM = 0.9;

  private final int maskToken;

  /**
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider (asked for one extra row: [MASK])
   */
  public Bert4Rec(
      BackboneConfig config,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    super(NAME, config, numItems, manager, itemFactory, 1, false);
    this.maskToken = numItems + 1;
  }

  /** The [MASK] item id. */
  public int maskToken() {
    return maskToken;
  }

  @Override
  public void predictionRow(int[] history, int[] out, int offset) {
    int len = config().maxLen();
    // The official "append [MASK], drop the first column": the last len-1 items, then [MASK].
    TrainingData.leftPad(history, 0, history.length, out, offset, len - 1);
    out[offset + len - 1] = maskToken;
  }

  @Override
  public String objectiveName() {
    return OBJECTIVE_NAME;
  }

  @Override
  public int samplesPerEpoch(int numUsers) {
    return 2 * numUsers;
  }

  @Override
  public TrainBatch sampleBatch(int[] samples, TrainingData data, Random rng) {
    int len = config().maxLen();
    int b = samples.length;
    int users = data.numUsers();
    int[] in = new int[b * len];
    int[] pos = new int[b * len];
    int[] neg = new int[b * len];
    for (int i = 0; i < b; i++) {
      int user = samples[i] % users;
      boolean cloze = samples[i] < users;
      int[] seq = data.sequence(user);
      int start = i * len;
      TrainingData.leftPad(seq, 0, seq.length, in, start, len);
      int first = start + len - Math.min(len, seq.length);
      for (int j = first; j < start + len; j++) {
        boolean selected = cloze ? rng.nextDouble() < config().maskProb() : j == start + len - 1;
        if (!selected) {
          continue;
        }
        pos[j] = in[j];
        neg[j] = data.negative(user, rng);
        in[j] = cloze ? corrupt(in[j], data.numItems(), rng) : maskToken;
      }
    }
    return new TrainBatch(b, len, len, in, pos, neg);
  }

  private int corrupt(int item, int numItems, Random rng) {
    double r = rng.nextDouble();
    if (r < REPLACE_WITH_MASK) {
      return maskToken;
    }
    return r < REPLACE_WITH_RANDOM ? 1 + rng.nextInt(numItems) : item;
  }

  @Override
  protected NDArray trainHidden(NDArray inputs) {
    return encodeAll(inputs, true);
  }
}
