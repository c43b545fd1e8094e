package io.llmemb.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link Trainer#fit}: the model holds the best weights when this is returned.
 *
 * @param curve one record per epoch run
 * @param bestEpoch epoch whose weights were restored
 * @param bestValidNdcg its validation NDCG@10
 * @param stoppedBy why training ended
 * @param stoppedAtEpoch the epoch during which it ended (for a divergence, the epoch whose batch
 *     blew up: it is not in the curve)
 * @param stopDetail one line on the stop, e.g. the non-finite loss with its batch
 * @param transientFaults batches whose non-finite loss or gradient the identical recomputation did
 *     not give again (counted, never applied; docs/llmemb-method.md §13.1)
 */
// stoppedEarly is written for readers of the older files and ignored when read back.
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainResult(
    List<EpochRecord> curve,
    int bestEpoch,
    double bestValidNdcg,
    StopReason stoppedBy,
    int stoppedAtEpoch,
    String stopDetail,
    int transientFaults) {

  public TrainResult {
    curve = List.copyOf(curve);
    stoppedBy = Objects.requireNonNullElse(stoppedBy, StopReason.MAX_EPOCHS);
    stopDetail = Objects.requireNonNullElse(stopDetail, "");
  }

  /** A result without transient faults (and files written before they were counted). */
  public TrainResult(
      List<EpochRecord> curve,
      int bestEpoch,
      double bestValidNdcg,
      StopReason stoppedBy,
      int stoppedAtEpoch,
      String stopDetail) {
    this(curve, bestEpoch, bestValidNdcg, stoppedBy, stoppedAtEpoch, stopDetail, 0);
  }

  /** Whether training ended before the epoch limit: patience ran out, or it diverged. */
  @JsonProperty("stoppedEarly")
  public boolean stoppedEarly() {
    return stoppedBy != StopReason.MAX_EPOCHS;
  }

  /**
   * Whether a non-finite loss or gradient ended the run (the kept model is the best epoch before
   * it).
   */
  public boolean diverged() {
    return stoppedBy == StopReason.DIVERGENCE;
  }

  /** Mean seconds per training epoch. */
  public double meanEpochSeconds() {
    return curve.stream().mapToDouble(EpochRecord::seconds).average().orElse(0);
  }
}
