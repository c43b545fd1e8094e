package io.llmemb.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what came out of {@code recs.next_items} with what went in: one record per acknowledged
 * interaction (userId + eventTime), each user's records in event order, the sampled users' lists
 * equal to the offline reference, and serving's REST answer equal to each sampled user's last
 * record.
 */
final class Verifier {

  /** Counts of one comparison. */
  record Counts(
      long inputs,
      long lost,
      long duplicated,
      long unexpected,
      long outOfOrderUsers,
      long referenceChecked,
      long referenceMismatches,
      long restChecked,
      long restMismatches) {}

  private static final Duration REST_RETRY = Duration.ofSeconds(90);

  private final List<ReplayEvent> acked;
  private final OutputTracker output;

  /**
   * @param acked the acknowledged interactions, in replay order
   */
  Verifier(List<ReplayEvent> acked, OutputTracker output) {
    this.acked = acked;
    this.output = output;
  }

  Counts verify(Set<String> sampledUsers, OfflineReference reference, int servingPort)
      throws InterruptedException {
    Set<String> expected = new HashSet<>(acked.size() * 2);
    long lost = 0;
    long duplicated = 0;
    for (ReplayEvent e : acked) {
      expected.add(e.key());
      int n = output.count(e.key());
      if (n == 0) {
        lost++;
      }
      duplicated += Math.max(0, n - 1);
    }
    long unexpected =
        output.keys().stream().filter(k -> !expected.contains(k)).mapToLong(output::count).sum();
    long outOfOrder = output.arrivalOrder().values().stream().filter(Verifier::outOfOrder).count();

    Map<String, List<ReplayEvent>> inputsByUser = new HashMap<>();
    for (ReplayEvent e : acked) {
      if (sampledUsers.contains(e.userId())) {
        inputsByUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
      }
    }
    long checked = 0;
    long mismatches = 0;
    long restChecked = 0;
    long restMismatches = 0;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String user : sampledUsers) {
      List<ReplayEvent> inputs = inputsByUser.getOrDefault(user, List.of());
      Recommendations last = null;
      Set<Long> seen = new HashSet<>();
      for (Recommendations r : output.sampled(user)) {
        long t = r.getEventTime().toEpochMilli();
        if (!seen.add(t)) {
          continue;
        }
        List<String> sequence =
            inputs.stream().filter(e -> e.eventTime() <= t).map(ReplayEvent::itemId).toList();
        checked++;
        if (!OfflineReference.matches(reference.expected(sequence), r.getItems())) {
          mismatches++;
        }
        if (last == null || t > last.getEventTime().toEpochMilli()) {
          last = r;
        }
      }
      if (last != null) {
        restChecked++;
        if (!restAgrees(http, servingPort, user, last)) {
          restMismatches++;
        }
      }
    }
    return new Counts(
        acked.size(),
        lost,
        duplicated,
        unexpected,
        outOfOrder,
        checked,
        mismatches,
        restChecked,
        restMismatches);
  }

  private static boolean outOfOrder(List<Long> eventTimes) {
    for (int i = 1; i < eventTimes.size(); i++) {
      if (eventTimes.get(i) < eventTimes.get(i - 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Serving's interactive query (routed to the owning instance) must answer the user's last record.
   */
  private static boolean restAgrees(HttpClient http, int port, String user, Recommendations last)
      throws InterruptedException {
    // 503 means a rebalance is in progress (state not queryable yet), not a wrong state: ask again,
    // bounded
    long deadline = System.nanoTime() + REST_RETRY.toNanos();
    while (true) {
      Boolean agrees = askRest(http, port, user, last, System.nanoTime() < deadline);
      if (agrees != null) {
        return agrees;
      }
      Thread.sleep(1_000);
    }
  }

  /** Null when serving answered 503 and {@code retry} allows another try. */
  private static Boolean askRest(
      HttpClient http, int port, String user, Recommendations last, boolean retry)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/users/"
                        + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/recommendations"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 503 && retry) {
        return null;
      }
      if (response.statusCode() != 200) {
        System.out.printf(
            "REST /users/%s/recommendations: %d %s%n",
            user, response.statusCode(), response.body());
        return false;
      }
      JsonNode body = new ObjectMapper().readTree(response.body());
      List<String> items = new ArrayList<>();
      body.path("items").forEach(i -> items.add(i.path("itemId").asText()));
      return body.path("eventTime").asLong() == last.getEventTime().toEpochMilli()
          && items.equals(last.getItems().stream().map(ScoredItem::getItemId).toList());
    } catch (IOException e) {
      System.out.printf("REST /users/%s/recommendations failed: %s%n", user, e);
      return false;
    }
  }
}
