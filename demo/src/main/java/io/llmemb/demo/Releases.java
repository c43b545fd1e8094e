package io.llmemb.demo;

import io.llmemb.schemas.TopicReader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Waits for model releases: on {@code models.releases} (trainer side) and in serving's {@code
 * /health}.
 */
final class Releases {

  private static final Duration POLL = Duration.ofSeconds(1);

  private final Map<String, Object> client;
  private final Topics topics;
  private final HttpClient http = HttpClient.newHttpClient();

  Releases(String bootstrapServers, Topics topics) {
    this.client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.topics = topics;
  }

  /** The current release of the demo model, if any. */
  Optional<ModelRelease> current() {
    return Optional.ofNullable(
        TopicReader.latestByKey(
                client,
                topics.modelReleases(),
                Duration.ofSeconds(30),
                (r, e) ->
                    System.err.println(
                        "releases: undecodable record at offset "
                            + r.offset()
                            + ": "
                            + e.getMessage()))
            .get(DemoServices.MODEL_NAME));
  }

  /**
   * Waits for a release whose version differs from {@code previous} (null: any release); empty on
   * timeout.
   */
  Optional<ModelRelease> awaitNew(String previous, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<ModelRelease> release = current();
      if (release.isPresent() && !release.get().getVersion().equals(previous)) {
        return release;
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Waits until serving reports {@code version} as the model in use ({@code /health} details);
   * false on timeout.
   */
  boolean awaitServing(int servingPort, String version, Duration timeout)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + servingPort + "/health"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains(version)) {
          return true;
        }
      } catch (IOException notYet) {
        // serving restarting or busy; ask again
      }
      Thread.sleep(POLL.toMillis() / 4);
    }
    return false;
  }
}
