package io.llmemb.bench.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When each fault strikes, drawn from the seed: the faults in a shuffled order, the i-th at a
 * uniformly random point within 30 % of a stretch around the i-th of {@code n} evenly spaced points
 * of the replay, so faults land at random moments yet never close together, and the replay has
 * input before the first and after the last.
 */
record FaultPlan(List<Fault> faults) {

  enum Kind {
    SERVING_KILL,
    BROKER_RESTART,
    WORKER_KILL
  }

  /**
   * @param atEvent index of the replayed interaction the fault strikes before
   * @param target serving instance for {@link Kind#SERVING_KILL}, else 0
   */
  record Fault(Kind kind, int atEvent, int target) {}

  static FaultPlan draw(
      int events,
      int servingKills,
      int brokerRestarts,
      int workerKills,
      int servingInstances,
      long seed) {
    Random random = new Random(seed);
    List<Kind> kinds = new ArrayList<>();
    kinds.addAll(Collections.nCopies(servingKills, Kind.SERVING_KILL));
    kinds.addAll(Collections.nCopies(brokerRestarts, Kind.BROKER_RESTART));
    kinds.addAll(Collections.nCopies(workerKills, Kind.WORKER_KILL));
    Collections.shuffle(kinds, random);
    double stretch = (double) events / (kinds.size() + 1);
    List<Fault> faults = new ArrayList<>(kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      int at = (int) ((i + 0.7 + 0.6 * random.nextDouble()) * stretch);
      int target = kinds.get(i) == Kind.SERVING_KILL ? random.nextInt(servingInstances) : 0;
      faults.add(new Fault(kinds.get(i), Math.min(at, events - 1), target));
    }
    return new FaultPlan(List.copyOf(faults));
  }
}
