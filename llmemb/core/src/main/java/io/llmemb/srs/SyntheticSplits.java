package io.llmemb.srs;

import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic leave-one-out splits with learnable sequential structure, for tests and benchmarks when
 * no real data is at hand: each user walks the item ring ({@code next = prev + 1}, wrapping) with
 * probability {@code followProb}, and jumps to a uniform item otherwise. A model that learns the
 * transition beats popularity by far; a model that leaks future items would not be distinguishable,
 * which is why tests also check masks.
 */
public final class SyntheticSplits {

  private SyntheticSplits() {}

  /**
   * @param numUsers users
   * @param numItems items (ids 1..numItems)
   * @param minLen shortest full sequence (>= 3)
   * @param maxLen longest full sequence
   * @param followProb probability of the ring transition
   * @param seed generator seed
   * @return a split with popularity computed as in docs/llmemb-method.md §1 and the tail threshold
   *     at the median popularity
   */
  public static SequenceSplit ring(
      int numUsers, int numItems, int minLen, int maxLen, double followProb, long seed) {
    if (minLen < 3 || maxLen < minLen) {
      throw new IllegalArgumentException(
          "need 3 <= minLen <= maxLen, got " + minLen + ".." + maxLen);
    }
    Random rng = new Random(seed);
    int[][] train = new int[numUsers][];
    int[] valid = new int[numUsers];
    int[] test = new int[numUsers];
    int[] popularity = new int[numItems + 1];
    for (int u = 0; u < numUsers; u++) {
      int len = minLen + rng.nextInt(maxLen - minLen + 1);
      int[] seq = new int[len];
      seq[0] = 1 + rng.nextInt(numItems);
      for (int t = 1; t < len; t++) {
        seq[t] =
            rng.nextDouble() < followProb ? seq[t - 1] % numItems + 1 : 1 + rng.nextInt(numItems);
      }
      train[u] = Arrays.copyOf(seq, len - 2);
      valid[u] = seq[len - 2];
      test[u] = seq[len - 1];
      Set<Integer> distinct = new HashSet<>();
      Arrays.stream(seq).forEach(distinct::add);
      distinct.forEach(i -> popularity[i]++);
    }
    int[] sorted = Arrays.copyOfRange(popularity, 1, numItems + 1);
    Arrays.sort(sorted);
    int tailThreshold = Math.max(1, sorted[sorted.length / 2]);
    return new SequenceSplit(
        "synthetic-ring",
        numItems,
        train,
        valid,
        test,
        popularity,
        tailThreshold,
        (minLen + maxLen) / 2);
  }
}
