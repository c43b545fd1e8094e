package io.llmemb.training;

/**
 * One point of the training curve.
 *
 * @param epoch 1-based epoch
 * @param loss mean training loss over the epoch's batches
 * @param validHr validation HR@10 (100 sampled negatives, resampled each epoch)
 * @param validNdcg validation NDCG@10, the early-stopping score
 * @param seconds wall time of the epoch's training (without validation)
 */
public record EpochRecord(
    int epoch, double loss, double validHr, double validNdcg, double seconds) {}
