package io.llmemb.bench.reliability;

import io.llmemb.demo.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Strikes the planned faults, one at a time: a SIGKILL followed at once by a restart with the same
 * state (what an orchestrator does for a crashed pod), or a broker stop and start. A fault counts
 * as recovered when its process is healthy again and, for serving and the broker, every output
 * partition has emitted a record after the fault. The next fault waits for that (bounded), so
 * stalls do not overlap and each is measured on its own.
 */
final class FaultInjector implements AutoCloseable {

  /** A fault in flight or done. */
  static final class Struck {
    final FaultPlan.Fault fault;
    final String target;
    final long atMillis;
    final CompletableFuture<Void> restarted;
    volatile boolean recovered;

    /** Wall clock when the process was healthy (the broker ready) again; 0 until then. */
    volatile long backAtMillis;

    Struck(FaultPlan.Fault fault, String target, long atMillis, CompletableFuture<Void> restarted) {
      this.fault = fault;
      this.target = target;
      this.atMillis = atMillis;
      this.restarted = restarted;
    }
  }

  private final Fleet fleet;
  private final LocalCluster cluster;
  private final OutputTracker output;
  private final Duration startTimeout;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "reliability-faults");
            t.setDaemon(true);
            return t;
          });
  private final List<Struck> struck = new ArrayList<>();

  FaultInjector(Fleet fleet, LocalCluster cluster, OutputTracker output, Duration startTimeout) {
    this.fleet = fleet;
    this.cluster = cluster;
    this.output = output;
    this.startTimeout = startTimeout;
  }

  /** Strikes {@code fault} now; the restart runs in the background. */
  Struck strike(FaultPlan.Fault fault, int atEvent) throws InterruptedException {
    ServiceProcess target =
        switch (fault.kind()) {
          case SERVING_KILL -> fleet.serving(fault.target());
          case WORKER_KILL -> fleet.worker();
          case BROKER_RESTART -> null;
        };
    long at = System.currentTimeMillis();
    CompletableFuture<Void> restarted;
    if (target != null) {
      target.kill();
      restarted = CompletableFuture.runAsync(() -> restart(target), executor);
    } else {
      restarted = CompletableFuture.runAsync(cluster::restartBroker, executor);
    }
    Struck s = new Struck(fault, target == null ? "broker" : target.name(), at, restarted);
    restarted.thenRun(() -> s.backAtMillis = System.currentTimeMillis());
    System.out.printf(
        "fault %d: %s %s at event %d%n", struck.size() + 1, fault.kind(), s.target, atEvent);
    struck.add(s);
    return s;
  }

  private void restart(ServiceProcess jvm) {
    try {
      jvm.restart();
      jvm.awaitReady(startTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits until {@code s} has recovered or {@code timeout} passed; records which. */
  void awaitRecovery(Struck s, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      s.restarted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.out.printf("fault %s %s: no restart within %s%n", s.fault.kind(), s.target, timeout);
      return;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "restart after " + s.fault.kind() + " of " + s.target + " failed", e.getCause());
    }
    boolean needsOutput = s.fault.kind() != FaultPlan.Kind.WORKER_KILL;
    while (needsOutput && !output.resumedEverywhereAfter(s.atMillis)) {
      if (System.nanoTime() > deadline) {
        System.out.printf(
            "fault %s %s: output not flowing on every partition within %s%n",
            s.fault.kind(), s.target, timeout);
        return;
      }
      Thread.sleep(100);
    }
    s.recovered = true;
  }

  List<Struck> struck() {
    return List.copyOf(struck);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
