package io.llmemb.devstack.cli;

import io.llmemb.devstack.StackState;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Stops a stack started with {@code devstack start} on the same data dir (SIGTERM, wait, then
 * kill).
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop the stack of a data dir.")
final class StopCommand implements Callable<Integer> {

  private static final long GRACE_S = 45;

  @Mixin private DataDirOption data;

  @Override
  public Integer call() throws Exception {
    Optional<StackState> state = StackState.read(data.dataDir.toAbsolutePath());
    if (state.isEmpty()) {
      System.out.println("no devstack running on " + data.dataDir.toAbsolutePath());
      return 0;
    }
    StackState s = state.get();
    // The launcher's shutdown hook stops the broker; stop it directly only if the launcher is gone
    // or hangs.
    terminate(s.launcherPid(), "launcher");
    terminate(s.brokerPid(), "broker");
    StackState.delete(data.dataDir.toAbsolutePath());
    System.out.println("stopped");
    return 0;
  }

  private static void terminate(long pid, String what) throws Exception {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return;
    }
    handle.get().destroy();
    try {
      handle.get().onExit().get(GRACE_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.out.println(
          what + " pid " + pid + " ignored SIGTERM for " + GRACE_S + " s, killing it");
      handle.get().destroyForcibly();
      handle.get().onExit().get(GRACE_S, TimeUnit.SECONDS);
    }
  }
}
