package io.llmemb.data.prep;

import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.List;

/**
 * Leave-one-out split (generators/generator.py:L57-69) and distinct-user popularity
 * (generator.py:L113-121).
 */
public final class Splits {

  private Splits() {}

  /**
   * {@code pop[i]}: number of distinct users whose full sequence contains item {@code i}; repeats
   * count once.
   */
  public static int[] popularity(List<int[]> sequences, int numItems) {
    int[] pop = new int[numItems + 1];
    int[] lastUser = new int[numItems + 1];
    Arrays.fill(lastUser, -1);
    for (int u = 0; u < sequences.size(); u++) {
      for (int item : sequences.get(u)) {
        if (lastUser[item] != u) {
          lastUser[item] = u;
          pop[item]++;
        }
      }
    }
    return pop;
  }

  /**
   * Train = all but the last two items, valid = second-to-last, test = last; every sequence must
   * have >= 3.
   */
  public static SequenceSplit leaveOneOut(
      String name,
      int numItems,
      List<int[]> sequences,
      int[] popularity,
      int tailThreshold,
      int tailUserThreshold) {
    int n = sequences.size();
    int[][] train = new int[n][];
    int[] valid = new int[n];
    int[] test = new int[n];
    for (int u = 0; u < n; u++) {
      int[] s = sequences.get(u);
      if (s.length < 3) {
        throw new IllegalArgumentException(
            "sequence of user index " + u + " has " + s.length + " items, leave-one-out needs 3");
      }
      train[u] = Arrays.copyOf(s, s.length - 2);
      valid[u] = s[s.length - 2];
      test[u] = s[s.length - 1];
    }
    return new SequenceSplit(
        name, numItems, train, valid, test, popularity, tailThreshold, tailUserThreshold);
  }
}
