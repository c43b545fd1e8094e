package io.llmemb.srs;

/**
 * One training batch as flat, pre-padded int arrays (one NDArray each on upload, no per-element
 * copies).
 *
 * @param size batch size B
 * @param inputLen L, length of each input row
 * @param labelLen L', length of each label row (L for sequence-to-sequence/cloze losses, 1 for
 *     last-position)
 * @param inputs [B·L] item ids, 0 = padding
 * @param positives [B·L'] target items, 0 = no loss at that position
 * @param negatives [B·L'] one sampled negative per labelled position, 0 elsewhere
 */
public record TrainBatch(
    int size, int inputLen, int labelLen, int[] inputs, int[] positives, int[] negatives) {

  public TrainBatch {
    if (inputs.length != size * inputLen) {
      throw new IllegalArgumentException(
          "inputs has " + inputs.length + " ids, expected " + size * inputLen);
    }
    if (positives.length != size * labelLen || negatives.length != size * labelLen) {
      throw new IllegalArgumentException(
          "positives/negatives must have "
              + size * labelLen
              + " ids, have "
              + positives.length
              + "/"
              + negatives.length);
    }
  }
}
