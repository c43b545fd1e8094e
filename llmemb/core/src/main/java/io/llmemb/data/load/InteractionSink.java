package io.llmemb.data.load;

import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects interactions for a loader and applies the row rules shared by all formats: a blank user
 * is counted and skipped, and a rating {@code <= 0} is counted and skipped (the official extraction
 * keeps rating > 0, §1).
 */
final class InteractionSink {

  static final String READ = "interactions read";

  private final List<Interaction> interactions = new ArrayList<>();
  private final LoadReport report;
  private final Map<String, String> ids = new HashMap<>();

  InteractionSink(LoadReport report) {
    this.report = report;
  }

  void accept(String user, String item, long timestamp, Double rating, String file, long line) {
    String source = file + ":" + line;
    if (user == null || user.isBlank()) {
      report.problem(LoadReport.EMPTY_USER, source, "empty user id");
      return;
    }
    if (item == null || item.isBlank()) {
      report.problem(LoadReport.MALFORMED, source, "empty item id");
      return;
    }
    if (rating != null && !(rating > 0.0)) {
      report.problem(LoadReport.NON_POSITIVE_RATING, source, "rating " + rating);
      return;
    }
    interactions.add(
        new Interaction(intern(user.trim()), intern(item.trim()), timestamp, rating, file, line));
    report.add(READ, 1);
  }

  /** One String instance per distinct id: raw files repeat ids millions of times. */
  private String intern(String id) {
    return ids.computeIfAbsent(id, k -> k);
  }

  List<Interaction> interactions() {
    return interactions;
  }
}
