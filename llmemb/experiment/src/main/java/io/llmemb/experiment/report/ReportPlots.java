package io.llmemb.experiment.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Draws the report's PNG plots with XChart; every value plotted is a mean over seeds. Each method
 * returns the {@link Block.Image} to embed, whose path is relative to the report directory.
 */
public final class ReportPlots {

  /** Pixel size of every plot. */
  public static final int WIDTH = 900;

  /** Pixel size of every plot. */
  public static final int HEIGHT = 500;

  /** The metric of the popularity and overall-vs-tail plots. */
  public static final String HR = "hr@10";

  private final Path dir;

  /** Plots are written into {@code dir}, which must exist. */
  public ReportPlots(Path dir) {
    this.dir = dir;
  }

  /**
   * HR@10 by target-item popularity bucket, one bar series per row of one backbone under one
   * protocol.
   */
  public Block.Image popularity(String protocol, String backbone, List<RunResult> runs)
      throws IOException {
    Map<RowKey, Map<String, List<Double>>> byRow = new TreeMap<>();
    TreeSet<String> buckets = new TreeSet<>(ReportPlots::compareBuckets);
    for (RunResult r : runs) {
      if (r.protocol().equals(protocol) && r.backbone().equals(backbone)) {
        Map<String, List<Double>> row = byRow.computeIfAbsent(RowKey.of(r), k -> new TreeMap<>());
        r.hrByPopularityBucket()
            .forEach((b, v) -> row.computeIfAbsent(b, x -> new ArrayList<>()).add(v));
        buckets.addAll(r.hrByPopularityBucket().keySet());
      }
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(backbone + ": HR@10 by target popularity (" + protocol + ")")
            .xAxisTitle("distinct users of the target item")
            .yAxisTitle("HR@10")
            .build();
    List<String> x = List.copyOf(buckets);
    byRow.forEach(
        (row, values) ->
            chart.addSeries(
                row.label(),
                x,
                x.stream()
                    .map(b -> values.containsKey(b) ? Summary.of(values.get(b)).mean() : 0.0)
                    .toList()));
    return save(
        chart,
        "popularity-" + slug(protocol) + "-" + slug(backbone) + ".png",
        "HR@10 by item-popularity bucket, " + backbone + ", " + protocol);
  }

  /**
   * Validation NDCG@10 per epoch, one line per row of one backbone (curves are
   * protocol-independent).
   */
  public Block.Image curves(String backbone, List<RunResult> runs) throws IOException {
    Map<RowKey, Map<Long, List<EpochPoint>>> bySeed = new TreeMap<>();
    for (RunResult r : runs) {
      if (r.backbone().equals(backbone) && !r.curve().isEmpty()) {
        // One run per seed: the same training run appears once per protocol it was evaluated under.
        bySeed.computeIfAbsent(RowKey.of(r), k -> new TreeMap<>()).putIfAbsent(r.seed(), r.curve());
      }
    }
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(backbone + ": validation NDCG@10")
            .xAxisTitle("epoch")
            .yAxisTitle("val NDCG@10")
            .build();
    bySeed.forEach(
        (row, curves) -> {
          Map<Integer, List<Double>> perEpoch = new TreeMap<>();
          curves
              .values()
              .forEach(
                  c ->
                      c.forEach(
                          p ->
                              perEpoch
                                  .computeIfAbsent(p.epoch(), e -> new ArrayList<>())
                                  .add(p.valNdcg())));
          List<Integer> epochs = List.copyOf(perEpoch.keySet());
          chart.addSeries(
              row.label(),
              epochs,
              epochs.stream().map(e -> Summary.of(perEpoch.get(e)).mean()).toList());
        });
    return save(
        chart,
        "curves-" + slug(backbone) + ".png",
        "Validation NDCG@10 per epoch, " + backbone + " (mean over seeds)");
  }

  /** Overall vs tail HR@10 of every row of one protocol's table. */
  public Block.Image overallVsTail(ResultTable table) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Overall vs tail HR@10 (" + table.protocol() + ")")
            .yAxisTitle("HR@10")
            .build();
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> labels = table.rows().stream().map(RowKey::label).toList();
    Map<String, String> series = new LinkedHashMap<>();
    series.put("Overall H@10", "overall." + HR);
    series.put("Tail H@10", "tail." + HR);
    series.forEach(
        (name, column) ->
            chart.addSeries(
                name,
                labels,
                table.rows().stream()
                    .map(r -> table.cell(r, column).map(Summary::mean).orElse(0.0))
                    .toList()));
    return save(
        chart,
        "overall-vs-tail-" + slug(table.protocol()) + ".png",
        "Overall vs tail HR@10 per variant, " + table.protocol());
  }

  /** Lower-case letters, digits and dashes only, so file names are portable. */
  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /**
   * Orders "0-4" before "5-9" before "10-35" before "36+": by the leading integer, then as text.
   */
  static int compareBuckets(String a, String b) {
    return Comparator.comparingLong(ReportPlots::leadingNumber)
        .thenComparing(Comparator.naturalOrder())
        .compare(a, b);
  }

  private static long leadingNumber(String s) {
    int end = 0;
    while (end < s.length() && end < 18 && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end == 0 ? Long.MAX_VALUE : Long.parseLong(s.substring(0, end));
  }

  private Block.Image save(Chart<?, ?> chart, String fileName, String caption) throws IOException {
    BitmapEncoder.saveBitmap(
        chart, dir.resolve(fileName).toString(), BitmapEncoder.BitmapFormat.PNG);
    return new Block.Image(fileName, caption);
  }
}
