package io.llmemb.srs;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.Random;

/**
 * Training view of a split: only the {@code train} sequences (never the validation or test items),
 * plus a negative sampler over items the user has not trained on (docs/llmemb-method.md §4,
 * official {@code train_neg = 1}).
 */
public final class TrainingData {

  private final int numItems;
  private final int[][] train;
  private final int[][] sortedTrain;
  private final boolean[] unavailable;
  private final int unavailableCount;

  /**
   * @param split source split; only {@link SequenceSplit#train()} is read
   */
  public TrainingData(SequenceSplit split) {
    this(split, ColdItems.none());
  }

  /**
   * @param split source split; only {@link SequenceSplit#train()} is read
   * @param cold items that do not exist yet at training time (cold-item protocol): never drawn as
   *     negatives, since pushing them down would teach the model about them before their first
   *     interaction
   */
  public TrainingData(SequenceSplit split, ColdItems cold) {
    this.numItems = split.numItems();
    this.unavailable = cold.mask(numItems);
    this.unavailableCount = cold.size();
    if (cold.size() >= numItems) {
      throw new IllegalArgumentException("every item is cold; no negative exists");
    }
    this.train = split.train();
    this.sortedTrain = new int[train.length][];
    for (int u = 0; u < train.length; u++) {
      sortedTrain[u] = Arrays.stream(train[u]).distinct().sorted().toArray();
    }
  }

  /** Number of users. */
  public int numUsers() {
    return train.length;
  }

  /** Largest item id. */
  public int numItems() {
    return numItems;
  }

  /** Training sequence of user {@code u} (shared array: do not modify). */
  public int[] sequence(int u) {
    return train[u];
  }

  /**
   * Uniform item in 1..numItems that is not in user {@code u}'s training sequence and not cold
   * (rejection sampling).
   */
  public int negative(int u, Random rng) {
    int[] seen = sortedTrain[u];
    // Cold items never occur in training sequences (the protocol removed them), so the two sets are
    // disjoint.
    if (seen.length + unavailableCount >= numItems) {
      throw new IllegalStateException(
          "user " + u + " has trained on every available item; no negative exists");
    }
    while (true) {
      int item = 1 + rng.nextInt(numItems);
      if (!unavailable[item] && Arrays.binarySearch(seen, item) < 0) {
        return item;
      }
    }
  }

  /**
   * Copies {@code seq[from, to)} right-aligned into {@code out[offset, offset + len)}, keeping the
   * last {@code len} items and left-padding with 0 (official {@code generators/data.py}).
   */
  public static void leftPad(int[] seq, int from, int to, int[] out, int offset, int len) {
    // An empty range (a training sequence the cold-item protocol emptied) writes nothing.
    int n = Math.max(0, Math.min(len, to - from));
    System.arraycopy(seq, to - n, out, offset + len - n, n);
  }
}
