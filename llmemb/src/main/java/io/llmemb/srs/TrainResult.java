package io.llmemb.srs;

import java.util.List;

/**
 * Outcome of {@link Trainer#fit}: the model holds the best weights when this is returned.
 *
 * @param curve one record per epoch run
 * @param bestEpoch epoch whose weights were restored
 * @param bestValidNdcg its validation NDCG@10
 * @param stoppedEarly whether patience ran out before {@code maxEpochs}
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
