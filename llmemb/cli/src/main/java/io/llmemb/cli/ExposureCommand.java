package io.llmemb.cli;

import ai.djl.ndarray.NDManager;
import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.eval.CaseScorer;
import io.llmemb.eval.ContentScorer;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.ExposurePolicy;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.ServingModelScorer;
import io.llmemb.eval.Stage;
import io.llmemb.experiment.report.ExposureCurve;
import io.llmemb.rat.LlmTable;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.training.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code exposure}: evaluates one trained model under a grid of exposure policies (young-item slots
 * in the top-k, a score bonus for young items, young items for the slots ordered by the model's
 * score or by text similarity to the user's history; docs/llmemb-method.md §11.1) and writes the
 * trade-off curve: overall, tail and cold HR@k / NDCG@k per policy as a Markdown table, JSON and a
 * PNG plot per ranking.
 */
@Command(
    name = "exposure",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a model under exposure policies (young-item slots, young-item score bonus) and write "
            + "the trade-off curve: overall / tail / cold HR@k and NDCG@k per policy (table + plot).")
public final class ExposureCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Prepared dataset directory.")
  Path data;

  @Option(
      names = "--model",
      description =
          "Output directory of `train`, `rat` or `fuse`: its cold-item selection is used. A `train` "
              + "directory is scored as it is; a `rat` or `fuse` model needs --bundle.")
  Path model;

  @Option(
      names = "--bundle",
      description =
          "Serving bundle of the model (`--bundle` of `train`, `rat` or `fuse`): scored exactly as "
              + "serving scores it.")
  Path bundle;

  @Option(
      names = "--slots",
      split = ",",
      defaultValue = "0,1,2,3",
      description = "Young-item slots in the top-k to try (default: ${DEFAULT-VALUE}).")
  List<Integer> slots;

  @Option(
      names = "--bonus",
      split = ",",
      defaultValue = "0",
      description =
          "Score bonus added to young items to try, crossed with --slots (default: ${DEFAULT-VALUE}).")
  List<Float> bonus;

  @Option(
      names = "--young-order",
      split = ",",
      defaultValue = "score",
      description =
          "What orders the young items that take the slots, crossed with --slots and --bonus: score "
              + "(the model's score) or content (text similarity to the user's last "
              + "--content-recent items; needs --text) (default: ${DEFAULT-VALUE}).")
  List<ExposurePolicy.YoungOrder> youngOrders;

  @Option(
      names = "--text",
      description =
          "Item text vectors for --young-order content: the output directory of `embed` or `pca` "
              + "for this dataset (rows matched by raw item id).")
  Path text;

  @Option(
      names = "--content-recent",
      defaultValue = "5",
      description =
          "How many of the user's latest items the content similarity averages over (default: ${DEFAULT-VALUE}).")
  int contentRecent;

  @Option(
      names = "--young-max-count",
      defaultValue = "0",
      description =
          "Young = at most this many training interactions; 0 = never trained on (default: ${DEFAULT-VALUE}).")
  int youngMaxCount;

  @Mixin ProtocolOptions protocol;

  @Option(
      names = "--stage",
      defaultValue = "TEST",
      description = "TEST or VALID cases (default: ${DEFAULT-VALUE}).")
  Stage stage;

  @Option(
      names = "--out",
      required = true,
      description =
          "Directory for exposure.md, exposure.json and the plots exposure-<ranking>.png (overall vs cold) and exposure-<ranking>-knob.png.")
  Path out;

  @Mixin EngineOptions engine;

  @Mixin ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    if (model == null && bundle == null) {
      throw new IllegalArgumentException("give --model, --bundle or both");
    }
    PreparedDataset dataset = PreparedDatasetStore.load(data);
    SequenceSplit prepared = dataset.split();
    ColdItems cold =
        model != null
            ? coldOptions.forModel(model, prepared.numItems(), engine.seed())
            : coldOptions.select(prepared.numItems(), engine.seed());
    SequenceSplit split = cold.apply(prepared);
    List<ExposurePolicy> policies = new ArrayList<>();
    for (ExposurePolicy.YoungOrder order : youngOrders) {
      for (float b : bonus) {
        for (int s : slots) {
          ExposurePolicy policy = new ExposurePolicy(s, youngMaxCount, b, order);
          if (order == ExposurePolicy.YoungOrder.SCORE || policy.needsYoungScores()) {
            policies.add(policy);
          }
        }
      }
    }
    ContentScorer content = text == null ? null : contentScorer(dataset);
    if (content == null && policies.stream().anyMatch(ExposurePolicy::needsYoungScores)) {
      throw new IllegalArgumentException("--young-order content needs --text (item text vectors)");
    }
    List<ExposureCurve.Point> points = new ArrayList<>();
    String label;
    String gaps;
    try (NDManager manager = NDManager.newBaseManager(engine.config().apply());
        ServingModel served = bundle != null ? ServingModels.load(bundle) : null) {
      CaseScorer scorer;
      if (served != null) {
        scorer = new ServingModelScorer(served, dataset.catalog().itemIds());
        label = served.backbone() + " / " + served.variant();
      } else {
        if (!Files.exists(model.resolve(ModelManifest.FILE))) {
          throw new IllegalArgumentException(
              model
                  + " holds no "
                  + ModelManifest.FILE
                  + " (not a `train` directory): score a `rat` or `fuse` model through its --bundle");
        }
        ModelManifest m = ModelManifest.read(model);
        scorer = new RecommenderScorer(ModelManifest.loadModel(model, manager));
        label = m.backbone() + " / id";
      }
      boolean[] young = new ExposurePolicy(0, youngMaxCount, 0f).youngMask(split);
      gaps = youngGaps(scorer, split, young);
      if (content != null) {
        gaps +=
            "\nby content (--text, last "
                + contentRecent
                + " items): "
                + youngRanks(content, split, young);
      }
      for (EvalProtocol protocol : this.protocol.protocols(engine.seed())) {
        List<EvalResult> results =
            new Evaluator().evaluate(scorer, split, stage, protocol, cold, policies, content);
        for (int i = 0; i < policies.size(); i++) {
          points.add(new ExposureCurve.Point(policies.get(i), results.get(i)));
        }
      }
    }
    ExposureCurve curve = new ExposureCurve(label, points);
    curve.write(out);
    System.out.print(curve.markdown());
    if (gaps != null) {
      System.out.println();
      System.out.println(gaps);
      Files.writeString(out.resolve("young-items.txt"), gaps + "\n");
    }
    System.out.println("\nwritten: " + out.resolve(ExposureCurve.MARKDOWN) + " and its plots");
    return 0;
  }

  /** The text vectors of {@code --text}, aligned with the dataset's item ids. */
  private ContentScorer contentScorer(PreparedDataset dataset) throws java.io.IOException {
    LlmTable table = LlmTable.of(EmbeddingArtifact.load(text), null, dataset.catalog().itemIds());
    return new ContentScorer(table.rows(), table.dim(), contentRecent);
  }

  /**
   * Two diagnostics of full ranking that size the knobs, from one scoring pass: how far the best
   * young candidate scores below the k-th best candidate (a bonus of the p-th percentile puts a
   * young item into the plain top-k in p % of the cases; the bonus is in the model's score units),
   * and where a young target ranks among the young candidates (with s slots and no bonus, a young
   * target outside the plain top-k is shown exactly when it is among the best s young candidates).
   */
  private String youngGaps(CaseScorer scorer, SequenceSplit split, boolean[] young) {
    int k = protocol.k;
    List<Double> gaps = new ArrayList<>();
    YoungRanks ranks = new YoungRanks(split.numItems(), young);
    forEachCase(
        scorer,
        split,
        (row, target, seen) -> {
          List<Float> all = new ArrayList<>();
          float bestYoung = Float.NEGATIVE_INFINITY;
          for (int item = 1; item <= split.numItems(); item++) {
            if (!seen[item] || item == target) {
              all.add(row[item]);
              if (young[item]) {
                bestYoung = Math.max(bestYoung, row[item]);
              }
            }
          }
          if (bestYoung > Float.NEGATIVE_INFINITY && all.size() >= k) {
            all.sort(Comparator.reverseOrder());
            gaps.add((double) Math.max(0f, all.get(k - 1) - bestYoung));
          }
          ranks.visit(row, target, seen);
        });
    if (gaps.isEmpty()) {
      return "no young candidates: the policies change nothing";
    }
    return "score gap from the best young candidate to the "
        + k
        + "-th best (full ranking, "
        + gaps.size()
        + " cases):"
        + percentiles(gaps, "%.3f")
        + "\n"
        + ranks.summary();
  }

  /** Where a young target ranks among the young candidates by {@code scorer}'s row. */
  private String youngRanks(CaseScorer scorer, SequenceSplit split, boolean[] young) {
    YoungRanks ranks = new YoungRanks(split.numItems(), young);
    forEachCase(scorer, split, ranks);
    return ranks.summary();
  }

  /** One case of the chosen stage: its score row, target and input as a mask. */
  private interface CaseVisitor {
    void visit(float[] row, int target, boolean[] seen);
  }

  /** The rank of each young target among the young candidates of its case (0 = best). */
  private static final class YoungRanks implements CaseVisitor {
    private final int numItems;
    private final boolean[] young;
    private final List<Double> ranks = new ArrayList<>();
    private int most;

    YoungRanks(int numItems, boolean[] young) {
      this.numItems = numItems;
      this.young = young;
    }

    @Override
    public void visit(float[] row, int target, boolean[] seen) {
      if (!young[target]) {
        return;
      }
      int above = 0;
      int here = 0;
      for (int item = 1; item <= numItems; item++) {
        if (young[item] && (!seen[item] || item == target)) {
          here++;
          if (item != target && row[item] >= row[target]) {
            above++;
          }
        }
      }
      ranks.add((double) above);
      most = Math.max(most, here);
    }

    String summary() {
      if (ranks.isEmpty()) {
        return "no young target in these cases";
      }
      StringBuilder sb =
          new StringBuilder("rank of a young target among the young candidates (0 = best; ")
              .append(ranks.size())
              .append(" cases, up to ")
              .append(most)
              .append(" young candidates):")
              .append(percentiles(ranks, "%.0f"));
      for (int s : new int[] {1, 3, 10, 30}) {
        long within = ranks.stream().filter(r -> r < s).count();
        sb.append(String.format(Locale.ROOT, "; in the best %d: %d", s, within));
      }
      return sb.toString();
    }
  }

  private void forEachCase(CaseScorer scorer, SequenceSplit split, CaseVisitor visitor) {
    boolean[] seen = new boolean[split.numItems() + 1];
    for (int start = 0; start < split.numUsers(); start += Evaluator.DEFAULT_BATCH) {
      int end = Math.min(split.numUsers(), start + Evaluator.DEFAULT_BATCH);
      List<int[]> inputs = new ArrayList<>();
      for (int u = start; u < end; u++) {
        inputs.add(stage.input(split, u));
      }
      float[][] scores = scorer.score(inputs);
      for (int c = 0; c < inputs.size(); c++) {
        for (int item : inputs.get(c)) {
          seen[item] = true;
        }
        visitor.visit(scores[c], stage.target(split, start + c), seen);
        for (int item : inputs.get(c)) {
          seen[item] = false;
        }
      }
    }
  }

  private static String percentiles(List<Double> values, String format) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    StringBuilder sb = new StringBuilder();
    for (int p : new int[] {10, 25, 50, 75, 90}) {
      double v =
          sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p / 100.0 * sorted.size())));
      sb.append(String.format(Locale.ROOT, " p%d " + format, p, v));
    }
    return sb.toString();
  }
}
