package io.llmemb.trainer;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Runs a {@link TrainingJob} check every {@code llmemb.trainer.check-interval} when the trainer is
 * enabled.
 */
@Singleton
public class TrainingScheduler {

  private final TrainerConfig config;
  private final TrainingJob job;

  /** Wires the schedule. */
  public TrainingScheduler(TrainerConfig config, TrainingJob job) {
    this.config = config;
    this.job = job;
  }

  /** One check; fixed delay, so a long training never overlaps the next check. */
  @Scheduled(
      fixedDelay = "${llmemb.trainer.check-interval:1m}",
      initialDelay = "${llmemb.trainer.initial-delay:10s}")
  void tick() {
    if (config.enabled()) {
      job.runOnce();
    }
  }
}
