package io.llmemb.devstack.cli;

import io.llmemb.devstack.StackState;
import io.llmemb.devstack.broker.BrokerReadiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Reports whether the stack of a data dir runs and answers; exit code 0 only when both servers
 * answer.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the stack of a data dir.")
final class StatusCommand implements Callable<Integer> {

  private static final Duration PROBE = Duration.ofSeconds(5);

  @Mixin private DataDirOption data;

  @Override
  public Integer call() {
    Optional<StackState> state = StackState.read(data.dataDir.toAbsolutePath());
    if (state.isEmpty()) {
      System.out.println(
          "not running (no " + StackState.FILE + " in " + data.dataDir.toAbsolutePath() + ")");
      return 3;
    }
    StackState s = state.get();
    boolean brokerUp =
        StackState.alive(s.brokerPid())
            && BrokerReadiness.await(s.bootstrapServers(), PROBE, () -> true);
    boolean registryUp =
        StackState.alive(s.launcherPid()) && registryAnswers(s.schemaRegistryUrl());
    System.out.printf(
        "bootstrap.servers=%s broker pid %d %s%n",
        s.bootstrapServers(), s.brokerPid(), brokerUp ? "UP" : "DOWN");
    System.out.printf(
        "schema.registry.url=%s pid %d %s%n",
        s.schemaRegistryUrl(), s.launcherPid(), registryUp ? "UP" : "DOWN");
    return brokerUp && registryUp ? 0 : 1;
  }

  private static boolean registryAnswers(String url) {
    try {
      HttpResponse<Void> r =
          HttpClient.newBuilder()
              .connectTimeout(PROBE)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/subjects"))
                      .timeout(PROBE)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
