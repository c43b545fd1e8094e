package io.llmemb.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts of what a load or preparation step read, kept and skipped, with the first few problem rows
 * of every kind (file and line) so that nothing is dropped silently.
 */
public final class LoadReport {

  /** Row could not be parsed (wrong column count, bad number, bad JSON). */
  public static final String MALFORMED = "malformed rows";

  /** Interaction outside the kept date range (Yelp, §1). */
  public static final String OUT_OF_RANGE = "rows outside date range";

  /** Interaction with a non-positive rating (§1 keeps rating > 0). */
  public static final String NON_POSITIVE_RATING = "rows with rating <= 0";

  /** Metadata record whose id was already seen; the first one is kept. */
  public static final String DUPLICATE_ITEM = "duplicate item records";

  /**
   * Interaction referring to an item that has no metadata record (kept, item gets empty
   * attributes).
   */
  public static final String UNKNOWN_ITEM = "interactions with unknown item";

  /** Interaction row whose user id is empty. */
  public static final String EMPTY_USER = "rows with empty user";

  private static final Logger LOG = LoggerFactory.getLogger(LoadReport.class);
  private static final int EXAMPLES_PER_KIND = 5;

  private final String name;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();

  /** A report for the dataset or step called {@code name}. */
  public LoadReport(String name) {
    this.name = name;
  }

  /** Adds {@code n} to the counter {@code key} (e.g. "interactions read"). */
  public void add(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  /** Sets a counter to an absolute value (sizes after a step). */
  public void set(String key, long n) {
    counts.put(key, n);
  }

  /** Counts one problem row of kind {@code kind} found at {@code source} ({@code file:line}). */
  public void problem(String kind, String source, String detail) {
    add(kind, 1);
    List<String> ex = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (ex.size() < EXAMPLES_PER_KIND) {
      String msg = source + ": " + detail;
      ex.add(msg);
      LOG.warn("{} ({}): {}", kind, name, msg);
    }
  }

  /** Current value of a counter, 0 when never touched. */
  public long get(String key) {
    return counts.getOrDefault(key, 0L);
  }

  /** All counters in insertion order. */
  public Map<String, Long> counts() {
    return Collections.unmodifiableMap(counts);
  }

  /** First problem examples per kind. */
  public Map<String, List<String>> examples() {
    return Collections.unmodifiableMap(examples);
  }

  /** Logs every counter at INFO; called at the end of a load. */
  public void logSummary() {
    StringBuilder sb = new StringBuilder("Load report for ").append(name).append(':');
    counts.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
    LOG.info(sb.toString());
  }

  @Override
  public String toString() {
    return name + " " + counts;
  }
}
