package io.llmemb.bench.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.EngineConfig;
import io.llmemb.engine.NoGrad;
import io.llmemb.fuse.FuseConfig;
import io.llmemb.fuse.FusedItemEmbeddings;
import io.llmemb.fuse.ItemCounts;
import io.llmemb.rat.AdapterConfig;
import io.llmemb.rat.AdapterEmbeddings;
import io.llmemb.rat.LlmTable;
import io.llmemb.serving.encoding.TransformerUserEncoder;
import io.llmemb.serving.model.ItemIndex;
import io.llmemb.serving.scoring.ScoringSettings;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.ItemEmbeddingProvider;
import io.llmemb.srs.ParameterSet;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TransformerRecommender;
import io.llmemb.srs.TransformerWeights;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What one interaction costs serving, before and after per-event work stopped depending on the
 * catalogue size: encode the user's last 50 items with SASRec (H 64, 2 blocks, max_len 50, one
 * PyTorch thread, as {@code ServingModel.encodeUser} does) and take the top 10 with the 50 seen
 * items excluded. Before: the provider derives its whole table per encode and the old scan filters
 * by {@code HashSet<String>}; after: only the history's rows are looked up and {@code ItemIndex}
 * scans exactly with the Vector API; "java" is the same encode by serving's {@code
 * TransformerUserEncoder} (plain Java from the same weights, input rows read from the index; the
 * largest difference to the engine's user vector is in the JSON). All run in the same process on
 * the same catalogue, for an ID release and a fused (gate, paper adapter over a 128-wide text
 * table) release; the figures are the calling thread's CPU time (PyTorch runs on it with one
 * intra-op thread), median over the events.
 *
 * <p>Arguments: {@code [items,items,...] [events] [json out]}; defaults {@code 3496,100000 20
 * bench/results/serving-cost.json}. Weights are random: the cost does not depend on their values.
 */
public final class ServingCostBench {

  private static final BackboneConfig SASREC = new BackboneConfig(64, 2, 1, 0.2f, 50, 0.6f);
  private static final int TEXT_DIM = 128;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ServingCostBench() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "3496,100000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path json = Path.of(args.length > 2 ? args[2] : "bench/results/serving-cost.json");
    new EngineConfig("cpu", 1, 1, 42).apply();
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "%-9s %-7s %13s %13s %9s %13s %13s %9s %13s %9s %13s %13s %13s %8s%n",
        "items",
        "release",
        "before ms",
        "after ms",
        "speed-up",
        "encode b. ms",
        "encode a. ms",
        "x",
        "encode j. ms",
        "x engine",
        "top-10 b. ms",
        "top-10 a. ms",
        "java ev. ms",
        "swap cpu s");
    for (int n : sizes) {
      for (String variant : List.of("id", "fused")) {
        rows.add(measure(n, variant, events));
      }
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, TopKBench.toJson(rows));
    System.out.println("wrote " + json);
  }

  private static Map<String, Object> measure(int n, String variant, int events) {
    try (NDManager m = NDManager.newBaseManager()) {
      ItemEmbeddingProvider items = provider(variant, n, m);
      SequentialRecommender after =
          Backbones.create("sasrec", SASREC, n, m, (p, ni, e, h) -> items);
      SequentialRecommender before =
          Backbones.create(
              "sasrec", SASREC, n, m, (p, ni, e, h) -> new ItemEmbeddingProvider.WholeTable(items));
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add("item-" + i);
      }
      // What a model swap does before scoring can move over: derive the item table once, fill the
      // index.
      long swapStarted = System.nanoTime();
      long swapCpuStarted = cpu();
      float[] vectors;
      try (NDScope scope = new NDScope()) {
        vectors = items.table(false).get(new NDIndex("1:{}", n + 1)).toFloatArray();
        scope.suppressNotUsedWarning();
      }
      ItemIndex index = new ItemIndex(64, new ScoringSettings(Integer.MAX_VALUE, 32, 100, 100));
      float[] row = new float[64];
      for (int i = 0; i < n; i++) {
        System.arraycopy(vectors, i * 64, row, 0, 64);
        index.put(ids.get(i), row);
      }
      double swapSeconds = (System.nanoTime() - swapStarted) / 1e9;
      double swapCpuSeconds = (cpu() - swapCpuStarted) / 1e9;
      LegacyScan legacy = new LegacyScan(64, vectors, ids);
      warmUpScans(index, legacy, vectors, ids);

      Random random = new Random(5);
      int warmUp = 2;
      // The old path at 1M fused items takes seconds per event: a few events give a stable median
      // there.
      int beforeEvents = n >= 500_000 ? Math.min(events, 5) : events;
      double[][] b = new double[2][beforeEvents];
      double[][] a = new double[2][events];
      double[] java = new double[events];
      TransformerUserEncoder javaEncoder = javaEncoder(after, index);
      float maxDifference = 0f;
      for (int e = -warmUp; e < Math.max(events, beforeEvents); e++) {
        int[] history = random.ints(50, 1, n + 1).toArray();
        List<String> seen = Arrays.stream(history).mapToObj(i -> ids.get(i - 1)).toList();
        if (e < beforeEvents) {
          long t0 = cpu();
          float[] user = encode(before, history, m);
          long t1 = cpu();
          legacy.top(user, 10, new HashSet<>(seen));
          long t2 = cpu();
          if (e >= 0) {
            b[0][e] = (t1 - t0) / 1e6;
            b[1][e] = (t2 - t1) / 1e6;
          }
        }
        if (e < events) {
          long t0 = cpu();
          float[] user;
          try (NoGrad noGrad = NoGrad.enter()) {
            user = encode(after, history, m);
          }
          long t1 = cpu();
          index.top(user, 10, seen);
          long t2 = cpu();
          float[] javaUser = javaEncoder.encode(row(after, history));
          long t3 = cpu();
          if (e >= 0) {
            a[0][e] = (t1 - t0) / 1e6;
            a[1][e] = (t2 - t1) / 1e6;
            java[e] = (t3 - t2) / 1e6;
          }
          for (int j = 0; j < user.length; j++) {
            maxDifference = Math.max(maxDifference, Math.abs(user[j] - javaUser[j]));
          }
        }
      }
      double eb = median(b[0]);
      double tb = median(b[1]);
      double ea = median(a[0]);
      double ta = median(a[1]);
      double ej = median(java);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("items", n);
      out.put("variant", variant);
      out.put("before_ms", eb + tb);
      out.put("after_ms", ea + ta);
      out.put("speedup", (eb + tb) / (ea + ta));
      out.put("encode_before_ms", eb);
      out.put("encode_after_ms", ea);
      out.put("top10_before_ms", tb);
      out.put("top10_after_ms", ta);
      out.put("encode_java_ms", ej);
      out.put("encode_engine_over_java", ea / ej);
      out.put("after_java_ms", ej + ta);
      out.put("java_encoder_kernel", javaEncoder.kernelName());
      out.put("java_engine_max_abs_difference", maxDifference);
      out.put("scorer_after", index.scorer().name());
      out.put("swap_vectors_and_index_wall_s", swapSeconds);
      out.put("swap_vectors_and_index_cpu_s", swapCpuSeconds);
      System.out.printf(
          Locale.ROOT,
          "%-9d %-7s %13.3f %13.3f %8.1fx %13.3f %13.3f %8.1fx %13.3f %8.1fx %13.3f %13.3f %13.3f"
              + " %8.2f%n",
          n,
          variant,
          eb + tb,
          ea + ta,
          (eb + tb) / (ea + ta),
          eb,
          ea,
          eb / ea,
          ej,
          ea / ej,
          tb,
          ta,
          ej + ta,
          swapCpuSeconds);
      return out;
    }
  }

  /**
   * Until both scans are JIT-compiled: the Vector API is slower than scalar code in the
   * interpreter.
   */
  private static void warmUpScans(
      ItemIndex index, LegacyScan legacy, float[] vectors, List<String> ids) {
    int rounds = (int) Math.max(20, Math.min(2_000, 50_000_000L / ids.size()));
    Random random = new Random(9);
    for (int r = 0; r < rounds; r++) {
      int i = random.nextInt(ids.size());
      float[] query = Arrays.copyOfRange(vectors, i * 64, i * 64 + 64);
      List<String> seen = List.of(ids.get(i));
      index.top(query, 10, seen);
      legacy.top(query, 10, new HashSet<>(seen));
    }
  }

  /**
   * The op sequence of {@code ServingModel.encodeUser}: prediction row, one [1, L] encode, copy
   * out.
   */
  static float[] encode(SequentialRecommender model, int[] history, NDManager m) {
    int[] row = row(model, history);
    try (NDScope scope = new NDScope()) {
      NDArray ids = m.create(row, new Shape(1, row.length));
      float[] user = model.encode(ids, false).toFloatArray();
      scope.suppressNotUsedWarning();
      return user;
    }
  }

  /**
   * Serving's Java encoder for {@code model}, reading the input rows from {@code index} (filled in
   * internal-id order, as {@code LiveModel.of} fills it).
   */
  private static TransformerUserEncoder javaEncoder(SequentialRecommender model, ItemIndex index) {
    TransformerWeights weights;
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      weights = ((TransformerRecommender) model).weights();
      scope.suppressNotUsedWarning();
    }
    return new TransformerUserEncoder(
        weights, (id, out, offset) -> index.copyRow(id - 1, out, offset));
  }

  /** The prediction row the backbone reads for {@code history} (maxLen ids, left-padded). */
  static int[] row(SequentialRecommender model, int[] history) {
    int[] row = new int[model.config().maxLen()];
    model.predictionRow(history, row, 0);
    return row;
  }

  private static ItemEmbeddingProvider provider(String variant, int n, NDManager m) {
    ParameterSet params = new ParameterSet(m);
    if ("id".equals(variant)) {
      return IdEmbeddings.factory().create(params, n, 0, 64);
    }
    Random random = new Random(3);
    float[] text = new float[n * TEXT_DIM];
    for (int i = 0; i < text.length; i++) {
      text[i] = (float) random.nextGaussian();
    }
    LlmTable table = new LlmTable(n, TEXT_DIM, text, "bench-encoder", "bench-prompt", null);
    int[] counts = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      counts[i] = random.nextInt(10) < 8 ? 1 + random.nextInt(50) : 0; // 20 % cold items
    }
    return FusedItemEmbeddings.factory(
            FuseConfig.warmStart(),
            AdapterEmbeddings.factory(AdapterConfig.paper(TEXT_DIM), table),
            new ItemCounts(counts),
            Optional.empty())
        .create(params, n, 0, 64);
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
