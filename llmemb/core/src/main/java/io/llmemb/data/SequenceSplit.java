package io.llmemb.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A preprocessed sequential-recommendation dataset after the leave-one-out split of
 * docs/llmemb-method.md (§1).
 *
 * <p>Item ids are {@code 1..numItems}; id 0 is padding and never a real item. Users are {@code
 * 0..numUsers-1}. For user {@code u}: the training sequence is {@code train[u]} (all but the last
 * two items, in time order), the validation target is {@code valid[u]} (second-to-last) and the
 * test target is {@code test[u]} (last). Validation input = {@code train[u]}; test input = {@code
 * train[u] + valid[u]}.
 *
 * @param name dataset name used in reports and manifests
 * @param numItems largest item id (ids are dense 1..numItems)
 * @param train per-user training sequence, time order
 * @param valid per-user validation target item
 * @param test per-user test target item
 * @param popularity length {@code numItems + 1}: number of distinct users whose full sequence
 *     (train+valid+test) contains the item; index 0 unused
 * @param tailThreshold an item is long-tail when {@code popularity[item] < tailThreshold}
 * @param tailUserThreshold a test case is a tail (short-history) user when its input has fewer
 *     items than this
 */
public record SequenceSplit(
    String name,
    int numItems,
    int[][] train,
    int[] valid,
    int[] test,
    int[] popularity,
    int tailThreshold,
    int tailUserThreshold) {

  public SequenceSplit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(valid, "valid");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(popularity, "popularity");
    if (numItems <= 0) {
      throw new IllegalArgumentException("numItems must be > 0, was " + numItems);
    }
    if (valid.length != train.length || test.length != train.length) {
      throw new IllegalArgumentException(
          "train/valid/test must have one entry per user: "
              + train.length
              + "/"
              + valid.length
              + "/"
              + test.length);
    }
    if (popularity.length != numItems + 1) {
      throw new IllegalArgumentException(
          "popularity must have numItems+1 = "
              + (numItems + 1)
              + " entries, was "
              + popularity.length);
    }
  }

  /** Number of users (one validation and one test case each). */
  public int numUsers() {
    return train.length;
  }

  /** Input history of the validation case of user {@code u}. */
  public int[] validInput(int u) {
    return train[u];
  }

  /** Input history of the test case of user {@code u}: training items then the validation item. */
  public int[] testInput(int u) {
    int[] t = train[u];
    int[] in = Arrays.copyOf(t, t.length + 1);
    in[t.length] = valid[u];
    return in;
  }

  /** The user's whole sequence: train, valid, test. */
  public int[] fullSequence(int u) {
    int[] t = train[u];
    int[] all = Arrays.copyOf(t, t.length + 2);
    all[t.length] = valid[u];
    all[t.length + 1] = test[u];
    return all;
  }

  /** True when the item is long-tail (popularity below {@link #tailThreshold}). */
  public boolean isTailItem(int item) {
    return popularity[item] < tailThreshold;
  }
}
