package io.llmemb.serving.api;

import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.serving.streams.ServingStreams;
import io.llmemb.serving.topology.ServingTopology;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds a user's current recommendations with interactive queries: from the local store when this
 * instance owns the user's partition, else by asking the owner's REST API (found with {@code
 * queryMetadataForKey} and the owners' {@code application.server}). A forwarded request is never
 * forwarded again, so a stale routing table cannot loop.
 */
@Singleton
public class UserRecommendations {

  /** Header marking a request forwarded by another instance. */
  public static final String FORWARDED_HEADER = "X-Llmemb-Forwarded";

  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

  /** Outcome of a lookup. */
  public sealed interface Answer {
    /** Found locally. */
    record Local(RecommendationsView view) implements Answer {}

    /** The owning instance answered with this status and JSON body. */
    record Forwarded(int status, String body) implements Answer {}

    /** No recommendations for the user (yet). */
    record NotFound() implements Answer {}

    /** The store is not queryable right now (starting, rebalancing, owner unreachable). */
    record Unavailable(String reason) implements Answer {}
  }

  private final ServingStreams streams;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

  UserRecommendations(ServingStreams streams) {
    this.streams = streams;
  }

  /**
   * The answer for {@code userId}; {@code forwarded} when another instance sent the request here.
   */
  public Answer find(String userId, boolean forwarded) {
    KafkaStreams kafka = streams.streams();
    KeyQueryMetadata owner =
        kafka.queryMetadataForKey(
            ServingTopology.RECOMMENDATIONS_STORE, userId, Serdes.String().serializer());
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      return new Answer.Unavailable(
          "no instance owns " + ServingTopology.RECOMMENDATIONS_STORE + " yet");
    }
    HostInfo active = owner.activeHost();
    if (forwarded || active.equals(streams.self())) {
      return local(kafka, userId);
    }
    return forward(active, userId);
  }

  private Answer local(KafkaStreams kafka, String userId) {
    try {
      ReadOnlyKeyValueStore<String, Recommendations> store =
          kafka.store(
              StoreQueryParameters.fromNameAndType(
                  ServingTopology.RECOMMENDATIONS_STORE,
                  QueryableStoreTypes.<String, Recommendations>keyValueStore()));
      return Optional.ofNullable(store.get(userId))
          .<Answer>map(r -> new Answer.Local(RecommendationsView.of(r, hostPort(streams.self()))))
          .orElseGet(Answer.NotFound::new);
    } catch (InvalidStateStoreException e) {
      return new Answer.Unavailable(e.getMessage());
    }
  }

  private Answer forward(HostInfo owner, String userId) {
    URI uri =
        URI.create(
            "http://"
                + hostPort(owner)
                + "/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/recommendations");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(FORWARD_TIMEOUT)
            .header(FORWARDED_HEADER, "1")
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer.Forwarded(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer.Unavailable("owner " + hostPort(owner) + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer.Unavailable("interrupted while asking " + hostPort(owner));
    }
  }

  private static String hostPort(HostInfo h) {
    return h.host() + ":" + h.port();
  }
}
