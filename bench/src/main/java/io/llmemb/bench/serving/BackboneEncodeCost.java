package io.llmemb.bench.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.llmemb.engine.EngineConfig;
import io.llmemb.engine.NoGrad;
import io.llmemb.serving.encoding.GruUserEncoder;
import io.llmemb.serving.encoding.RowEncoder;
import io.llmemb.serving.encoding.RowSource;
import io.llmemb.serving.encoding.TransformerUserEncoder;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.Gru4Rec;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TransformerRecommender;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What a backbone configuration costs serving per event: serving encodes the user's history on
 * every interaction ({@code ServingModel.encodeUser}: one [1, max_len] forward pass on one PyTorch
 * thread, without autograd), so hidden size and max_len are paid on the hot path, not only in
 * training. For each backbone and each (hidden, max_len) candidate: median thread-CPU ms of one
 * encode of a full-length history, the parameter count without the item table, and the ratio to the
 * first configuration (today's default) measured in the same run; also serving's Java encoder
 * ({@code TransformerUserEncoder}, {@code GruUserEncoder}, which serving uses instead of the
 * engine) on the same weights and histories, and the engine / Java ratio.
 *
 * <p>Arguments: {@code [events, default 300] [json out, default
 * bench/results/backbone-encode-cost.json] [items, default 3496]}.
 */
public final class BackboneEncodeCost {

  /** (hidden, max_len): today's default, the official profile's, and the two between. */
  private static final int[][] SHAPES = {{64, 50}, {64, 200}, {128, 50}, {128, 200}};

  /** Java encodes before timing: until C2 has compiled the Vector API loops. */
  private static final int JIT_WARM_UP = 3_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private BackboneEncodeCost() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path json = Path.of(args.length > 1 ? args[1] : "bench/results/backbone-encode-cost.json");
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 3496;
    new EngineConfig("cpu", 1, 1, 42).apply();
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "%-9s %6s %7s %12s %10s %12s %12s %12s%n",
        "backbone",
        "hidden",
        "max_len",
        "encode ms",
        "x default",
        "java ms",
        "x engine",
        "params");
    for (String backbone : Backbones.NAMES) {
      double baseline = Double.NaN;
      for (int[] shape : SHAPES) {
        Map<String, Object> row = measure(backbone, shape[0], shape[1], items, events);
        double ms = (double) row.get("encode_ms");
        if (Double.isNaN(baseline)) {
          baseline = ms;
        }
        row.put("ratio_to_default", ms / baseline);
        rows.add(row);
        System.out.printf(
            Locale.ROOT,
            "%-9s %6d %7d %12.3f %9.2fx %12s %12s %12d%n",
            backbone,
            shape[0],
            shape[1],
            ms,
            ms / baseline,
            row.containsKey("java_ms")
                ? String.format(Locale.ROOT, "%.3f", row.get("java_ms"))
                : "-",
            row.containsKey("java_ms")
                ? String.format(Locale.ROOT, "%.1fx", ms / (double) row.get("java_ms"))
                : "-",
            (long) row.get("params_without_items"));
      }
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, TopKBench.toJson(rows));
    System.out.println("wrote " + json);
  }

  /**
   * Serving's Java encoder of the backbone on the same weights and histories: median CPU ms after a
   * JIT warm-up (the Vector API code is slow until C2 compiles it, which takes a few thousand
   * calls; a service reaches that in seconds), and its largest difference to the engine's user
   * vector.
   */
  private static Map<String, Object> java(
      SequentialRecommender model, int items, int events, NDManager m) {
    float[] table;
    try (NoGrad noGrad = NoGrad.enter();
        NDScope scope = new NDScope()) {
      table = model.items().table(false).toFloatArray();
      scope.suppressNotUsedWarning();
    }
    int h = model.config().hidden();
    RowSource rows = (id, out, offset) -> System.arraycopy(table, id * h, out, offset, h);
    RowEncoder encoder =
        model instanceof TransformerRecommender t
            ? new TransformerUserEncoder(t.weights(), rows)
            : new GruUserEncoder(((Gru4Rec) model).weights(), rows);
    int len = model.config().maxLen();
    Random random = new Random(5);
    for (int w = 0; w < JIT_WARM_UP; w++) {
      encoder.encode(ServingCostBench.row(model, random.ints(len, 1, items + 1).toArray()));
    }
    double[] ms = new double[events];
    float maxDifference = 0f;
    for (int e = 0; e < events; e++) {
      int[] history = random.ints(len, 1, items + 1).toArray();
      int[] row = ServingCostBench.row(model, history);
      long t0 = THREADS.getCurrentThreadCpuTime();
      float[] user = encoder.encode(row);
      ms[e] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
      if (e % 10 == 0) {
        float[] engine;
        try (NoGrad noGrad = NoGrad.enter()) {
          engine = ServingCostBench.encode(model, history, m);
        }
        for (int j = 0; j < h; j++) {
          maxDifference = Math.max(maxDifference, Math.abs(engine[j] - user[j]));
        }
      }
    }
    Arrays.sort(ms);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("java_ms", ms[ms.length / 2]);
    out.put("java_p90_ms", ms[(int) (ms.length * 0.9)]);
    out.put("java_kernel", encoder.kernelName());
    out.put("java_engine_max_abs_difference", maxDifference);
    return out;
  }

  private static Map<String, Object> measure(
      String backbone, int hidden, int maxLen, int items, int events) {
    try (NDManager m = NDManager.newBaseManager()) {
      BackboneConfig config = new BackboneConfig(hidden, 2, 1, 0.2f, maxLen, 0.6f);
      SequentialRecommender model =
          Backbones.create(backbone, config, items, m, IdEmbeddings.factory());
      long params = 0;
      for (Map.Entry<String, NDArray> e : model.parameters().asMap().entrySet()) {
        if (!e.getKey().equals(IdEmbeddings.PARAM_NAME)) {
          params += e.getValue().size();
        }
      }
      Random random = new Random(5);
      int warmUp = Math.max(20, events / 5);
      double[] ms = new double[events];
      for (int e = -warmUp; e < events; e++) {
        int[] history = random.ints(maxLen, 1, items + 1).toArray();
        long t0 = THREADS.getCurrentThreadCpuTime();
        try (NoGrad noGrad = NoGrad.enter()) {
          ServingCostBench.encode(model, history, m);
        }
        if (e >= 0) {
          ms[e] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
      }
      Arrays.sort(ms);
      Map<String, Object> out = new LinkedHashMap<>();
      out.putAll(java(model, items, events, m));
      out.put("backbone", backbone);
      out.put("hidden", hidden);
      out.put("max_len", maxLen);
      out.put("encode_ms", ms[ms.length / 2]);
      out.put("encode_p90_ms", ms[(int) (ms.length * 0.9)]);
      out.put("params_without_items", params);
      if (out.containsKey("java_ms")) {
        out.put("engine_over_java", ms[ms.length / 2] / (double) out.get("java_ms"));
      }
      out.put("item_table_floats", (long) (items + 1) * hidden);
      return out;
    }
  }
}
