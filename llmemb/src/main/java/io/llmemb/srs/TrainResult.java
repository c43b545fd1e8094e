package io.llmemb.srs;

import java.util.List;

/**
 * Outcome of {@link Trainer#fit}: the model holds the best weights when this is returned.
 *
 * @param curve one record per epoch run
 * @param bestEpoch epoch whose weights were restored
 * @param bestValidNdcg its validation NDCG@10
 * @param stoppedEarly whether training ended before {@code maxEpochs}: patience ran out, or the loss turned
 *     non-finite after a validated epoch
 */
public record TrainResult(List<EpochRecord> curve, int bestEpoch, double bestValidNdcg, boolean stoppedEarly) {

  public TrainResult {
    curve = List.copyOf(curve);
  }

  /** Mean seconds per training epoch. */
  public double meanEpochSeconds() {
    return curve.stream().mapToDouble(EpochRecord::seconds).average().orElse(0);
  }
}
