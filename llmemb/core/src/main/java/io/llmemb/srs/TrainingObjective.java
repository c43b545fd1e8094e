package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.Random;

/**
 * Which positions of a user's training sequence carry a next-item label, for the backbones that
 * predict the next item (SASRec, GRU4Rec). Input is always {@code train[:-1]}, left-padded; each
 * labelled position gets one negative drawn from items outside the user's training sequence
 * (docs/llmemb-method.md §4, {@code train_neg = 1}).
 *
 * <p>Bert4Rec trains by cloze instead and does not take an objective.
 */
public enum TrainingObjective {

  /**
   * Only the last position is labelled (target {@code train[-1]}): one example per user per epoch,
   * as the official GRU4Rec generator (docs/llmemb-method.md §4, generators/data.py:L28-60).
   */
  LAST("last") {
    @Override
    int labelLen(int maxLen) {
      return 1;
    }

    @Override
    void writeLabels(
        int[] seq,
        int user,
        TrainingData data,
        Random rng,
        int[] pos,
        int[] neg,
        int row,
        int len) {
      if (seq.length == 0) {
        return; // no label: an emptied training sequence (cold-item protocol)
      }
      pos[row] = seq[seq.length - 1];
      neg[row] = data.negative(user, rng);
    }

    @Override
    NDArray labelHidden(NDArray hidden) {
      long len = hidden.getShape().get(1);
      return hidden.get(new NDIndex(":, {}:, :", len - 1));
    }
  },

  /**
   * Every non-padding position t predicts item t+1: the official SASRec sequence-to-sequence loss
   * (docs/llmemb-method.md §4, {@code SASRec_seq}); equivalent to RecBole's prefix augmentation
   * with a causal encoder.
   */
  ALL_POSITIONS("all-positions") {
    @Override
    int labelLen(int maxLen) {
      return maxLen;
    }

    @Override
    void writeLabels(
        int[] seq,
        int user,
        TrainingData data,
        Random rng,
        int[] pos,
        int[] neg,
        int row,
        int len) {
      int start = row * len;
      TrainingData.leftPad(seq, 1, seq.length, pos, start, len);
      for (int j = start; j < start + len; j++) {
        if (pos[j] != 0) {
          neg[j] = data.negative(user, rng);
        }
      }
    }

    @Override
    NDArray labelHidden(NDArray hidden) {
      return hidden;
    }
  };

  private final String cliName;

  TrainingObjective(String cliName) {
    this.cliName = cliName;
  }

  /** Name on the command line and in result files. */
  public String cliName() {
    return cliName;
  }

  /**
   * @param name {@code last} or {@code all-positions} (case-insensitive)
   * @return the objective
   * @throws IllegalArgumentException naming the accepted values
   */
  public static TrainingObjective parse(String name) {
    for (TrainingObjective o : values()) {
      if (o.cliName.equalsIgnoreCase(name.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown objective '"
            + name
            + "', expected one of "
            + Arrays.stream(values()).map(TrainingObjective::cliName).toList());
  }

  /**
   * Builds the batch for the given users: inputs {@code train[:-1]} (last {@code maxLen},
   * left-padded) and this objective's labels.
   */
  public TrainBatch sampleBatch(int[] users, TrainingData data, Random rng, int maxLen) {
    int b = users.length;
    int labelLen = labelLen(maxLen);
    int[] in = new int[b * maxLen];
    int[] pos = new int[b * labelLen];
    int[] neg = new int[b * labelLen];
    for (int i = 0; i < b; i++) {
      int[] seq = data.sequence(users[i]);
      TrainingData.leftPad(seq, 0, seq.length - 1, in, i * maxLen, maxLen);
      writeLabels(seq, users[i], data, rng, pos, neg, i, maxLen);
    }
    return new TrainBatch(b, maxLen, labelLen, in, pos, neg);
  }

  /**
   * Hidden states aligned with this objective's label rows.
   *
   * @param hidden [B, L, H] states at every position
   * @return [B, labelLen, H]
   */
  abstract NDArray labelHidden(NDArray hidden);

  abstract int labelLen(int maxLen);

  abstract void writeLabels(
      int[] seq, int user, TrainingData data, Random rng, int[] pos, int[] neg, int row, int len);

  @Override
  public String toString() {
    return cliName;
  }
}
