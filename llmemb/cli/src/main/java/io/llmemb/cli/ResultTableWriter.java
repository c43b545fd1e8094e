package io.llmemb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.GroupMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes evaluation results as JSON (for machines) and a Markdown table (for reports). */
public final class ResultTableWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultTableWriter() {}

  /**
   * @param results one result per row label (e.g. "sasrec / sampled")
   * @param extra extra JSON fields (training curve, timings)
   * @param dir output directory; writes {@code results.json} and {@code results.md}
   * @return the Markdown table
   */
  public static String write(Map<String, EvalResult> results, Map<String, Object> extra, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(
            dir.resolve("results.json").toFile(), Map.of("results", results, "extra", extra));
    String table = markdown(results);
    Files.writeString(dir.resolve("results.md"), table);
    return table;
  }

  /** Markdown table: HR@k / NDCG@k per group, with case counts. */
  public static String markdown(Map<String, EvalResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| run | protocol | overall HR / NDCG (n) | tail items | head items | tail users | long users | cold items |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    results.forEach(
        (label, r) ->
            sb.append("| ")
                .append(label)
                .append(" | ")
                .append(r.protocol().ranking().name().toLowerCase(Locale.ROOT))
                .append(
                    r.protocol().ranking() == io.llmemb.eval.EvalProtocol.Ranking.SAMPLED
                        ? " (" + r.protocol().negatives() + " neg)"
                        : "")
                .append(", k=")
                .append(r.protocol().k())
                .append(" | ")
                .append(cell(r.overall()))
                .append(" | ")
                .append(cell(r.tailItems()))
                .append(" | ")
                .append(cell(r.headItems()))
                .append(" | ")
                .append(cell(r.tailUsers()))
                .append(" | ")
                .append(cell(r.longUsers()))
                .append(" | ")
                .append(cell(r.coldItems()))
                .append(" |\n"));
    return sb.toString();
  }

  /** A group without test cases was not measured: a dash, not a zero that reads as one. */
  static String cell(GroupMetrics g) {
    if (g.cases() == 0) {
      return "— (0)";
    }
    return String.format(Locale.ROOT, "%.4f / %.4f (%d)", g.hr(), g.ndcg(), g.cases());
  }
}
