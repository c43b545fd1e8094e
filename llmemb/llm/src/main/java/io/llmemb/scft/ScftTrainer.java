package io.llmemb.scft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.llmemb.engine.Scalars;
import io.llmemb.llm.TextEncoder;
import io.llmemb.training.StepSeeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervised contrastive fine-tuning of a {@link TextEncoder}'s LoRA adapters
 * (docs/llmemb-method.md §3): per step, {@code gradientAccumulation} micro-batches of B items, each
 * encoded as 2B sequences (all first views, then all second views, as collator.py), the in-batch
 * contrastive loss, global-norm gradient clipping, AdamW with linear decay to 0. Deviations: fp32
 * instead of fp16, no DeepSpeed, single process (no cross-GPU batches).
 */
public final class ScftTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(ScftTrainer.class);
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private static final String TAU_NAME = "scft.tau";
  private static final String PARAM_KEY = "scft.param.";
  private static final NDIndex ALL = new NDIndex("...");

  private final ScftConfig config;
  private final boolean showProgress;

  public ScftTrainer(ScftConfig config) {
    this(config, true);
  }

  /**
   * @param showProgress draw a progress bar; without one, the loss is logged at every tenth of the
   *     run instead
   */
  public ScftTrainer(ScftConfig config, boolean showProgress) {
    this.config = config;
    this.showProgress = showProgress;
  }

  /**
   * Outcome of a run.
   *
   * @param steps optimiser steps taken
   * @param firstLoss loss of the first step
   * @param lastLoss mean loss of the last 10% of steps
   * @param seconds wall time
   * @param tau final τ (learned for the code loss)
   * @param skippedSteps steps whose loss or gradient was not finite: no update was applied
   */
  public record Result(
      int steps, double firstLoss, double lastLoss, double seconds, float tau, int skippedSteps) {}

  /**
   * Trains the encoder's {@link TextEncoder#trainableParameters()} on views of {@code prompts}.
   *
   * @param checkpoint called with the step number every {@code checkpointEvery} steps and after the
   *     last
   */
  public Result train(
      TextEncoder encoder, List<String> prompts, int checkpointEvery, IntConsumer checkpoint) {
    NDList params = encoder.trainableParameters();
    if (params.isEmpty()) {
      throw new IllegalStateException(
          "encoder has no trainable parameters: attach LoRA before SCFT");
    }
    if (prompts.size() < 2) {
      throw new IllegalArgumentException("SCFT needs at least 2 items, got " + prompts.size());
    }
    Random rng = new Random(config.seed());
    // LoRA dropout draws from the engine generator: seed it too, so a run is reproducible end to
    // end.
    Engine.getInstance().setRandomSeed((int) config.seed());
    ViewSampler views =
        new ViewSampler(
            prompts, new AttributeDropout(config.dropRatio()), config.resampleViews(), rng);
    int batch = Math.min(config.batchSize(), prompts.size());
    long start = System.nanoTime();
    List<Double> losses = new ArrayList<>();
    int skipped = 0;
    int recomputed = 0;
    try (NDManager root = NDManager.newBaseManager();
        ProgressBar bar = progressBar()) {
      NDArray tau = config.loss().newTau(root);
      List<NDArray> trainable = new ArrayList<>(params);
      if (config.loss().learnableTau()) {
        tau.setName(TAU_NAME);
        trainable.add(tau);
      }
      Optimizer optimizer =
          Optimizer.adamW()
              .optLearningRateTracker(linearDecay())
              .optBeta1(BETA1)
              .optBeta2(BETA2)
              .optEpsilon(EPSILON)
              .optWeightDecays(0f)
              .build();
      BatchOrder order = new BatchOrder(views, batch, rng);
      int logEvery = Math.max(1, config.steps() / 10);
      for (int step = 1; step <= config.steps(); step++) {
        List<List<AttributeDropout.View>> micro = new ArrayList<>();
        for (int i = 0; i < config.gradientAccumulation(); i++) {
          micro.add(order.next());
        }
        long stepSeed = StepSeeds.of(config.seed(), 0, step);
        StepSeeds.apply(stepSeed);
        double loss = accumulate(encoder, root, tau, micro);
        double gradNorm = Double.isFinite(loss) ? gradientNorm(trainable) : Double.NaN;
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
          // The same pairs on the same weights with the same LoRA dropout masks (the step's seed):
          // the identical computation. The faults once seen here (constants freed by a garbage
          // collection between forward and backward, docs/llmemb-method.md §13.1) are fixed; a
          // fault the identical recomputation does not repeat is still not the model's, so
          // recompute once before skipping.
          LOG.warn(
              "SCFT step {}: non-finite {}, recomputing the step",
              step,
              Double.isFinite(loss)
                  ? "gradient (norm " + gradNorm + ") under a finite loss " + loss
                  : "loss " + loss);
          trainable.forEach(p -> p.getGradient().set(ALL, 0f));
          StepSeeds.apply(stepSeed);
          loss = accumulate(encoder, root, tau, micro);
          gradNorm = Double.isFinite(loss) ? gradientNorm(trainable) : Double.NaN;
          if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
            recomputed++;
          }
        }
        if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
          clip(trainable, gradNorm);
          for (int i = 0; i < trainable.size(); i++) {
            // Optimizer state is keyed by position: encoders need not name their parameters.
            NDArray p = trainable.get(i);
            optimizer.update(PARAM_KEY + i, p, p.getGradient());
          }
          losses.add(loss);
        } else {
          // One non-finite batch must not poison the adapters (NaN weights never recover): skip and
          // count it.
          skipped++;
          LOG.warn(
              "SCFT step {}: {} again when recomputed, update skipped",
              step,
              Double.isFinite(loss)
                  ? "non-finite gradient (norm " + gradNorm + ") under a finite loss " + loss
                  : "non-finite loss " + loss);
        }
        // set(0), not g - g: a NaN or inf gradient left in the buffer would stay NaN for good.
        trainable.forEach(p -> p.getGradient().set(ALL, 0f));
        bar.step();
        bar.setExtraMessage(String.format("loss %.4f", loss));
        if (!showProgress && step % logEvery == 0) {
          LOG.info("SCFT step {}/{} loss {}", step, config.steps(), String.format("%.4f", loss));
        }
        if (step == config.steps() || (checkpointEvery > 0 && step % checkpointEvery == 0)) {
          checkpoint.accept(step);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (recomputed > 0) {
        LOG.info("SCFT: {} step(s) had a non-finite gradient that recomputing cleared", recomputed);
      }
      if (losses.isEmpty()) {
        throw new IllegalStateException(
            "SCFT: all " + config.steps() + " steps had a non-finite loss or gradient");
      }
      int tail = Math.max(1, losses.size() / 10);
      double last =
          losses.subList(losses.size() - tail, losses.size()).stream()
              .mapToDouble(d -> d)
              .average()
              .orElseThrow();
      Result r = new Result(config.steps(), losses.get(0), last, seconds, tau.getFloat(), skipped);
      LOG.info("SCFT done: {}", r);
      return r;
    }
  }

  private ProgressBar progressBar() {
    ProgressBarBuilder builder =
        new ProgressBarBuilder().setTaskName("SCFT").setInitialMax(config.steps());
    if (!showProgress) {
      // a bar that draws nothing keeps the loop free of null checks
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> {}));
    }
    return builder.build();
  }

  private double accumulate(
      TextEncoder encoder,
      NDManager root,
      NDArray tau,
      List<List<AttributeDropout.View>> microBatches) {
    double total = 0;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      for (List<AttributeDropout.View> pairs : microBatches) {
        List<String> texts = new ArrayList<>(pairs.size() * 2);
        pairs.forEach(v -> texts.add(v.first()));
        pairs.forEach(v -> texts.add(v.second()));
        try (NDManager sub = root.newSubManager()) {
          NDArray emb = encoder.encode(sub, texts, true);
          int b = pairs.size();
          NDArray loss =
              Scalars.div(
                  config.loss().compute(emb.get("0:" + b), emb.get(b + ":"), tau),
                  config.gradientAccumulation());
          gc.backward(loss);
          total += loss.getFloat();
        }
      }
    }
    return total;
  }

  /** The global gradient norm; not finite when any entry is not. */
  private static double gradientNorm(List<NDArray> params) {
    double sq = 0;
    for (NDArray p : params) {
      double norm = p.getGradient().norm().getFloat();
      sq += norm * norm;
    }
    return Math.sqrt(sq);
  }

  /** Clips to the global norm {@code norm}. */
  private void clip(List<NDArray> params, double norm) {
    if (norm > config.clipNorm()) {
      float scale = (float) (config.clipNorm() / (norm + 1e-6));
      params.forEach(p -> p.getGradient().muli(scale));
    }
  }

  /** HF "linear" schedule without warm-up: lr·(1 − t/steps) for update t = 0, 1, .... */
  private ParameterTracker linearDecay() {
    float lr = config.learningRate();
    int steps = config.steps();
    return (name, numUpdate) -> lr * Math.max(0f, 1f - (numUpdate - 1) / (float) steps);
  }

  /**
   * Shuffled epochs over the items in full batches; an epoch boundary may trigger view resampling.
   */
  private static final class BatchOrder {
    private final ViewSampler views;
    private final int batch;
    private final Random rng;
    private final List<Integer> order = new ArrayList<>();
    private int cursor;

    BatchOrder(ViewSampler views, int batch, Random rng) {
      this.views = views;
      this.batch = batch;
      this.rng = rng;
      reshuffle();
    }

    private void reshuffle() {
      order.clear();
      for (int i = 0; i < views.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, rng);
      cursor = 0;
    }

    List<AttributeDropout.View> next() {
      if (cursor + batch > order.size()) {
        views.newEpoch();
        reshuffle();
      }
      List<AttributeDropout.View> out = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        out.add(views.view(order.get(cursor++)));
      }
      return out;
    }
  }
}
