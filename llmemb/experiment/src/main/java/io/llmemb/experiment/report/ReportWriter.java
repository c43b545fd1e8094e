package io.llmemb.experiment.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an experiment report directory: {@code report.md}, {@code report.html} (self-contained,
 * plots referenced relatively), {@code results.json} and the PNG plots. Tables follow the paper's
 * layout (docs/llmemb-method.md §6) and the comparison docs/llmemb-method.md asks for (§8 "What to
 * compare"); output is deterministic for identical input.
 */
public final class ReportWriter {

  /** File names inside the report directory. */
  public static final String MARKDOWN = "report.md";

  /** File names inside the report directory. */
  public static final String HTML = "report.html";

  /** File names inside the report directory. */
  public static final String JSON = "results.json";

  static final String METHOD_NOTE =
      "Cells are mean ± sample standard deviation (divisor n − 1) over seeds; "
          + "\"Seeds\" is the number of runs behind the row's cells. Gains are (X − X_None) / X_None of the means, "
          + "against the same backbone's None row: a percentage below 2×, the ratio ×k from 2× up. "
          + "\""
          + TableBlocks.MISSING
          + "\" marks a cell that no run measured.";

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /**
   * Writes the report of {@code runs} into {@code dir} (created if absent; existing report files
   * are replaced).
   */
  public static ReportSummary write(
      Path dir, String title, DatasetFacts facts, List<RunResult> runs) throws IOException {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to report for dataset " + facts.name());
    }
    Files.createDirectories(dir);
    ReportPlots plots = new ReportPlots(dir);
    List<Block> blocks = new ArrayList<>();
    List<Path> pngs = new ArrayList<>();
    Map<String, Integer> missing = new TreeMap<>();
    blocks.add(new Block.Heading(1, title));
    blocks.add(new Block.Paragraph(datasetLine(facts)));
    blocks.add(new Block.Paragraph(METHOD_NOTE));
    blocks.add(new Block.Paragraph(divergenceLine(runs)));
    for (String protocol : protocols(runs)) {
      ResultTable table = ResultTable.build(protocol, runs);
      missing.put(protocol, table.missingCells());
      blocks.add(new Block.Heading(2, "Protocol: " + protocol));
      blocks.add(new Block.Paragraph(groupLine(protocol, runs)));
      blocks.add(TableBlocks.values(table));
      blocks.add(new Block.Paragraph("Empty cells: " + table.missingCells() + "."));
      blocks.add(new Block.Heading(3, "Relative gain over None (" + protocol + ")"));
      blocks.add(TableBlocks.gains(table));
      blocks.add(
          new Block.Heading(
              3,
              "Checks from docs/llmemb-method.md §8 and the fused model's targets (§10), on HR@10 ("
                  + protocol
                  + ")"));
      blocks.add(ComparisonChecks.table(table));
      addImage(blocks, pngs, dir, plots.overallVsTail(table));
      for (String backbone : backbones(runs)) {
        boolean hasBuckets =
            runs.stream()
                .anyMatch(
                    r ->
                        r.protocol().equals(protocol)
                            && r.backbone().equals(backbone)
                            && !r.hrByPopularityBucket().isEmpty());
        if (hasBuckets) {
          addImage(blocks, pngs, dir, plots.popularity(protocol, backbone, runs));
        }
      }
    }
    List<String> withCurves =
        backbones(runs).stream()
            .filter(
                b -> runs.stream().anyMatch(r -> r.backbone().equals(b) && !r.curve().isEmpty()))
            .toList();
    if (!withCurves.isEmpty()) {
      blocks.add(new Block.Heading(2, "Training curves"));
      for (String backbone : withCurves) {
        addImage(blocks, pngs, dir, plots.curves(backbone, runs));
      }
    }
    Path md =
        Files.writeString(
            dir.resolve(MARKDOWN), MarkdownRenderer.render(blocks), StandardCharsets.UTF_8);
    Path html =
        Files.writeString(
            dir.resolve(HTML), HtmlRenderer.render(title, blocks), StandardCharsets.UTF_8);
    Path json = dir.resolve(JSON);
    ReportJson.write(json, facts, runs);
    LOG.info(
        "Report for {} written to {} ({} runs, {} plots, {} empty cells)",
        facts.name(),
        dir,
        runs.size(),
        pngs.size(),
        missing.values().stream().mapToInt(Integer::intValue).sum());
    return new ReportSummary(md, html, json, pngs, missing);
  }

  /** Known protocols in {@link RunResult#PROTOCOLS} order, then any other alphabetically. */
  static List<String> protocols(List<RunResult> runs) {
    TreeSet<String> present =
        new TreeSet<>(
            Comparator.comparingInt(ReportWriter::protocolRank)
                .thenComparing(Comparator.naturalOrder()));
    runs.forEach(r -> present.add(r.protocol()));
    return List.copyOf(present);
  }

  private static int protocolRank(String protocol) {
    int i = RunResult.PROTOCOLS.indexOf(protocol);
    return i < 0 ? RunResult.PROTOCOLS.size() : i;
  }

  private static List<String> backbones(List<RunResult> runs) {
    return List.copyOf(new TreeSet<>(runs.stream().map(RunResult::backbone).toList()));
  }

  static String datasetLine(DatasetFacts f) {
    return String.format(
        Locale.ROOT,
        "Dataset %s: %,d users, %,d items, %,d interactions. Tail items have fewer "
            + "than %d distinct users; %,d test cases have a tail target.",
        f.name(),
        f.users(),
        f.items(),
        f.interactions(),
        f.tailThreshold(),
        f.tailTestCases());
  }

  /**
   * How many trainings diverged, counted once per training (a training is evaluated under several
   * protocols), and which: a diverged run keeps its best epoch before the blow-up, so its numbers
   * look like a converged run's.
   */
  static String divergenceLine(List<RunResult> runs) {
    TreeSet<String> trainings = new TreeSet<>();
    TreeSet<String> diverged = new TreeSet<>();
    for (RunResult r : runs) {
      String regime = r.protocol().startsWith("cold-") ? "cold" : "warm";
      String id =
          r.backbone()
              + " / "
              + r.variant()
              + " / "
              + r.encoder()
              + " / seed "
              + r.seed()
              + " / "
              + regime;
      trainings.add(id);
      if (r.diverged()) {
        diverged.add(id);
      }
    }
    if (diverged.isEmpty()) {
      return "Diverged runs: 0 of " + trainings.size() + " trainings.";
    }
    return "**Diverged runs: "
        + diverged.size()
        + " of "
        + trainings.size()
        + " trainings** (rows marked "
        + TableBlocks.DIVERGED_MARK
        + "; each stopped on a non-finite loss or gradient and reports its best epoch "
        + "before it): "
        + String.join("; ", diverged)
        + ".";
  }

  /**
   * Test cases per group. Under the cold-item protocol each seed draws its own cold items, so
   * counts can differ between seeds: then every seed's count is shown rather than one number that
   * belongs to a single seed.
   */
  static String groupLine(String protocol, List<RunResult> runs) {
    Map<String, TreeMap<Long, Integer>> counts = new TreeMap<>();
    runs.stream()
        .filter(r -> r.protocol().equals(protocol))
        .forEach(
            r ->
                r.groupCounts()
                    .forEach(
                        (g, c) ->
                            counts
                                .computeIfAbsent(g, k -> new TreeMap<>())
                                .merge(r.seed(), c, Math::max)));
    if (counts.isEmpty()) {
      return "Test cases per group: not reported.";
    }
    StringBuilder s = new StringBuilder("Test cases per group:");
    counts.forEach(
        (g, bySeed) -> {
          s.append(' ').append(g).append(' ');
          if (new TreeSet<>(bySeed.values()).size() == 1) {
            s.append(bySeed.firstEntry().getValue());
          } else {
            StringBuilder perSeed = new StringBuilder();
            bySeed.forEach(
                (seed, c) -> perSeed.append(perSeed.length() == 0 ? "" : " / ").append(c));
            s.append(perSeed)
                .append(" (seeds ")
                .append(
                    bySeed.keySet().stream()
                        .map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(" / ")))
                .append(')');
          }
          s.append(',');
        });
    s.setCharAt(s.length() - 1, '.');
    return s.toString();
  }

  private static void addImage(List<Block> blocks, List<Path> pngs, Path dir, Block.Image image) {
    blocks.add(image);
    pngs.add(dir.resolve(image.relativePath()));
  }
}
