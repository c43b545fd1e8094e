package io.llmemb.devstack.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waits until a broker answers {@code describeCluster} with at least one node. */
public final class BrokerReadiness {

  private static final long POLL_MS = 200;
  private static final int REQUEST_TIMEOUT_MS = 2_000;

  private BrokerReadiness() {}

  /**
   * Blocks until the broker at {@code bootstrap} is ready or {@code timeout} passes.
   *
   * @param stillAlive checked between attempts, so a crashed broker fails fast instead of at the
   *     timeout
   * @return false on timeout or when {@code stillAlive} turns false
   */
  public static boolean await(String bootstrap, Duration timeout, BooleanSupplier stillAlive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Wait for the listener first: an Admin pointed at a closed port logs a warning on every
    // reconnect.
    if (!awaitListening(bootstrap, deadline, stillAlive)) {
      return false;
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
      while (System.nanoTime() < deadline) {
        if (!stillAlive.getAsBoolean()) {
          return false;
        }
        try {
          if (!admin
              .describeCluster()
              .nodes()
              .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .isEmpty()) {
            return true;
          }
        } catch (ExecutionException | TimeoutException e) {
          // Not up yet: the broker is still starting; retry until the deadline.
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static boolean awaitListening(
      String bootstrap, long deadline, BooleanSupplier stillAlive) {
    String first = bootstrap.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    String host = first.substring(0, colon);
    int port = Integer.parseInt(first.substring(colon + 1));
    while (System.nanoTime() < deadline && stillAlive.getAsBoolean()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), REQUEST_TIMEOUT_MS);
        return true;
      } catch (IOException e) {
        sleep();
      }
    }
    return false;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
