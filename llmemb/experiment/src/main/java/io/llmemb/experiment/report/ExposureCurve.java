package io.llmemb.experiment.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.ExposurePolicy;
import io.llmemb.eval.GroupMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The trade-off curve of exposure policies for one model (docs/llmemb-method.md §11.1): overall,
 * tail and cold HR@k / NDCG@k per policy and ranking, as a Markdown table, {@code exposure.json}
 * and two PNG plots per ranking (the overall-vs-cold trade-off, the metrics against the knob).
 *
 * @param model what was evaluated (a label for titles)
 * @param points one per (ranking, policy), in the order measured
 */
public record ExposureCurve(String model, List<Point> points) {

  /** Markdown table. */
  public static final String MARKDOWN = "exposure.md";

  /** Every point with its raw results. */
  public static final String JSON_FILE = "exposure.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One policy under one protocol.
   *
   * @param policy the exposure policy
   * @param result its metrics ({@link EvalResult#protocol()} names the ranking)
   */
  public record Point(ExposurePolicy policy, EvalResult result) {

    public Point {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(result, "result");
    }

    /** {@code full} or {@code sampled}. */
    public String ranking() {
      return rankingName(result.protocol());
    }
  }

  public ExposureCurve {
    Objects.requireNonNull(model, "model");
    points = List.copyOf(points);
  }

  /** The rankings measured, in order of first appearance. */
  public List<String> rankings() {
    return points.stream().map(Point::ranking).distinct().toList();
  }

  /**
   * The table: one row per point; HR@k and NDCG@k overall, for tail-item targets and for cold
   * targets, with the change of overall and cold HR@k against the plain ranking ({@link
   * ExposurePolicy#NONE}) of the same protocol when it was measured.
   */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    int k = points.isEmpty() ? EvalProtocol.DEFAULT_K : points.get(0).result().protocol().k();
    String hr = "HR@" + k;
    String ndcg = "NDCG@" + k;
    sb.append("| ranking | policy | overall ")
        .append(hr)
        .append(" | overall ")
        .append(ndcg)
        .append(" | tail ")
        .append(hr)
        .append(" | tail ")
        .append(ndcg)
        .append(" | cold ")
        .append(hr)
        .append(" | cold ")
        .append(ndcg)
        .append(" | Δ overall ")
        .append(hr)
        .append(" | Δ cold ")
        .append(hr)
        .append(" |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Point p : points) {
      EvalResult r = p.result();
      EvalResult plain = plain(p.ranking());
      sb.append("| ")
          .append(p.ranking())
          .append(" | ")
          .append(p.policy().label())
          .append(" | ")
          .append(f(r.overall().hr()))
          .append(" | ")
          .append(f(r.overall().ndcg()))
          .append(" | ")
          .append(cell(r.tailItems(), true))
          .append(" | ")
          .append(cell(r.tailItems(), false))
          .append(" | ")
          .append(cell(r.coldItems(), true))
          .append(" | ")
          .append(cell(r.coldItems(), false))
          .append(" | ")
          .append(plain == null ? "—" : signed(r.overall().hr() - plain.overall().hr()))
          .append(" | ")
          .append(
              plain == null || r.coldItems().cases() == 0
                  ? "—"
                  : signed(r.coldItems().hr() - plain.coldItems().hr()))
          .append(" |\n");
    }
    if (!points.isEmpty()) {
      EvalResult first = points.get(0).result();
      sb.append('\n')
          .append(first.overall().cases())
          .append(" test cases, ")
          .append(first.tailItems().cases())
          .append(" with a tail target, ")
          .append(first.coldItems().cases())
          .append(" with a cold target.\n");
    }
    return sb.toString();
  }

  /** Writes {@value #MARKDOWN}, {@value #JSON_FILE} and the plots into {@code dir}. */
  public List<Block.Image> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), "# Exposure policies: " + model + "\n\n" + markdown());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("points", points);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(JSON_FILE).toFile(), json);
    List<Block.Image> images = new ArrayList<>();
    for (String ranking : rankings()) {
      images.addAll(plot(dir, ranking));
    }
    return images;
  }

  /**
   * Two plots for one ranking: the trade-off (overall HR@k against cold HR@k, one line per bonus
   * and young order through its slot values) and the metrics against the knob (overall, tail and
   * cold HR@k and NDCG@k per policy of the first bonus measured, usually 0).
   */
  List<Block.Image> plot(Path dir, String ranking) throws IOException {
    List<Point> rows = points.stream().filter(p -> p.ranking().equals(ranking)).toList();
    int k = rows.get(0).result().protocol().k();
    Map<String, List<Point>> byBonus = new LinkedHashMap<>();
    for (Point p : rows) {
      String series =
          (p.policy().bonus() == 0f
                  ? "no bonus"
                  : new ExposurePolicy(0, 0, p.policy().bonus()).label())
              + (p.policy().needsYoungScores() ? ", young by content" : "");
      byBonus.computeIfAbsent(series, x -> new ArrayList<>()).add(p);
    }
    XYChart tradeOff =
        new XYChartBuilder()
            .width(ReportPlots.WIDTH)
            .height(ReportPlots.HEIGHT)
            .title(model + ": overall vs cold HR@" + k + " (" + ranking + " ranking)")
            .xAxisTitle("overall HR@" + k)
            .yAxisTitle("cold HR@" + k)
            .build();
    tradeOff.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    tradeOff.getStyler().setXAxisDecimalPattern("0.000");
    tradeOff.getStyler().setYAxisDecimalPattern("0.000");
    byBonus.forEach(
        (name, ps) ->
            tradeOff.addSeries(
                name + " (slots " + slotRange(ps) + ")",
                ps.stream().map(p -> p.result().overall().hr()).toList(),
                ps.stream().map(p -> p.result().coldItems().hr()).toList()));
    String tradeOffFile = "exposure-" + ReportPlots.slug(ranking) + ".png";
    BitmapEncoder.saveBitmap(
        tradeOff, dir.resolve(tradeOffFile).toString(), BitmapEncoder.BitmapFormat.PNG);

    List<Point> knob = byBonus.values().iterator().next();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(ReportPlots.WIDTH)
            .height(ReportPlots.HEIGHT)
            .title(model + ": metrics against the policy (" + ranking + " ranking)")
            .xAxisTitle("policy")
            .yAxisTitle("metric @" + k)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    chart.getStyler().setOverlapped(true);
    List<String> x = knob.stream().map(p -> p.policy().label()).toList();
    Map<String, Function<EvalResult, Double>> series = new LinkedHashMap<>();
    series.put("overall HR@" + k, r -> r.overall().hr());
    series.put("tail HR@" + k, r -> r.tailItems().hr());
    series.put("cold HR@" + k, r -> r.coldItems().hr());
    series.put("overall NDCG@" + k, r -> r.overall().ndcg());
    series.put("cold NDCG@" + k, r -> r.coldItems().ndcg());
    series.forEach(
        (name, metric) ->
            chart.addSeries(name, x, knob.stream().map(p -> metric.apply(p.result())).toList()));
    String knobFile = "exposure-" + ReportPlots.slug(ranking) + "-knob.png";
    BitmapEncoder.saveBitmap(
        chart, dir.resolve(knobFile).toString(), BitmapEncoder.BitmapFormat.PNG);
    return List.of(
        new Block.Image(
            tradeOffFile, "Overall vs cold HR@" + k + ", " + model + ", " + ranking + " ranking"),
        new Block.Image(
            knobFile, "Metrics against the policy, " + model + ", " + ranking + " ranking"));
  }

  private static String slotRange(List<Point> ps) {
    int first = ps.get(0).policy().slots();
    int last = ps.get(ps.size() - 1).policy().slots();
    return first == last ? "" + first : first + "→" + last;
  }

  private EvalResult plain(String ranking) {
    for (Point p : points) {
      if (p.policy().isNone() && p.ranking().equals(ranking)) {
        return p.result();
      }
    }
    return null;
  }

  private static String rankingName(EvalProtocol protocol) {
    return protocol.ranking().name().toLowerCase(Locale.ROOT);
  }

  private static String cell(GroupMetrics g, boolean hr) {
    return g.cases() == 0 ? "—" : f(hr ? g.hr() : g.ndcg());
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.4f", v);
  }
}
