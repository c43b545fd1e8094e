package io.llmemb.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.Evaluator;
import io.llmemb.eval.RecommenderScorer;
import io.llmemb.eval.Stage;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a backbone with its own loss and early stopping (docs/llmemb-method.md §4 "Optimisation"):
 * after every epoch, validation NDCG@10 on the candidate set of {@link TrainConfig#validation()}
 * (100 negatives drawn once per run by default; the official code redraws them every epoch); an
 * epoch improves only when the score is strictly higher; stop after {@code patience} epochs without
 * improvement, but never before {@link TrainConfig#minEpochs()} (validation plateaus outlast the
 * official patience); reload the best weights. A non-finite loss or gradient stops the run as a
 * divergence ({@link StopReason#DIVERGENCE}).
 *
 * <p>Training batches are built from {@link SequenceSplit#train()} only: validation and test items
 * never enter them.
 */
public final class Trainer {

  /** File name of the best checkpoint inside the checkpoint directory. */
  public static final String CHECKPOINT_FILE = "best.params";

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TrainConfig config;
  private final Evaluator evaluator;
  private final boolean showProgress;
  private final AuxiliaryLoss auxiliary;
  private final ColdItems cold;
  private final boolean validateInitial;
  private int transientFaults;

  /**
   * Recomputations of a batch whose loss or gradient is not finite before the run counts as
   * diverged.
   */
  static final int RECOMPUTES = 2;

  /**
   * @param config optimisation settings
   * @param showProgress whether to draw a console progress bar per epoch
   */
  public Trainer(TrainConfig config, boolean showProgress) {
    this(config, showProgress, AuxiliaryLoss.NONE);
  }

  /**
   * @param config optimisation settings
   * @param showProgress whether to draw a console progress bar per epoch
   * @param auxiliary extra loss term added to the backbone loss of every batch (RAT alignment)
   */
  public Trainer(TrainConfig config, boolean showProgress, AuxiliaryLoss auxiliary) {
    this(config, showProgress, auxiliary, ColdItems.none());
  }

  /**
   * @param config optimisation settings
   * @param showProgress whether to draw a console progress bar per epoch
   * @param auxiliary extra loss term added to the backbone loss of every batch (RAT alignment)
   * @param cold cold items of the cold-item protocol: absent from the training split already, and
   *     never drawn as negatives either
   */
  public Trainer(
      TrainConfig config, boolean showProgress, AuxiliaryLoss auxiliary, ColdItems cold) {
    this(config, showProgress, auxiliary, cold, false);
  }

  private Trainer(
      TrainConfig config,
      boolean showProgress,
      AuxiliaryLoss auxiliary,
      ColdItems cold,
      boolean validateInitial) {
    this.validateInitial = validateInitial;
    this.cold = cold;
    this.config = config;
    this.evaluator = new Evaluator();
    this.showProgress = showProgress;
    this.auxiliary = auxiliary;
  }

  /**
   * The same trainer, also scoring the weights the model starts with (as epoch 0) on the validation
   * split. For a warm-started model: when training never beats the starting point, the starting
   * weights are what it keeps (best epoch 0; the curve holds training epochs only).
   */
  public Trainer validatingInitialWeights() {
    return new Trainer(config, showProgress, auxiliary, cold, true);
  }

  /**
   * Trains {@code model} in place and leaves it holding the best validation weights.
   *
   * @param model backbone to train
   * @param split data; only train sequences are trained on, valid targets drive early stopping
   * @param checkpointDir where {@value #CHECKPOINT_FILE} is written
   * @return the training curve and the best epoch
   */
  public TrainResult fit(SequentialRecommender model, SequenceSplit split, Path checkpointDir) {
    TrainingData data = new TrainingData(split, cold);
    Random rng = new Random(config.seed());
    AdamOptimizer optimizer = new AdamOptimizer(model.parameters().asMap(), config.learningRate());
    Path checkpoint = checkpointDir.resolve(CHECKPOINT_FILE);
    List<EpochRecord> curve = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    int sinceBest = 0;
    int epoch = 0;
    int faultsBefore = transientFaults;
    LOG.info("validation: NDCG@10, {} ranking", config.validation());
    if (validateInitial) {
      EvalResult valid = validate(model, split, 0);
      best = valid.overall().ndcg();
      LOG.info(
          "initial weights: valid HR@10 {} NDCG@10 {}",
          String.format("%.4f", valid.overall().hr()),
          String.format("%.4f", best));
      save(model, checkpoint);
    }
    StopReason stoppedBy = StopReason.MAX_EPOCHS;
    String detail = "";
    while (epoch < config.maxEpochs()) {
      if (sinceBest >= config.patience() && epoch >= config.minEpochs()) {
        stoppedBy = StopReason.PATIENCE;
        detail =
            "no better validation NDCG@10 for " + sinceBest + " epochs after epoch " + bestEpoch;
        break;
      }
      epoch++;
      long start = System.nanoTime();
      double loss;
      try {
        loss = trainEpoch(model, data, optimizer, rng, epoch);
      } catch (DivergedException e) {
        if (!validateInitial && bestEpoch == 0) {
          throw e;
        }
        // Model choice is by validation anyway: the best epoch before the blow-up is the answer,
        // but the run says
        // that it diverged (run files, reports and the trainer's release decision read stoppedBy).
        LOG.warn(
            "DIVERGED: {}; training stops and keeps the best epoch ({})",
            e.getMessage(),
            bestEpoch);
        stoppedBy = StopReason.DIVERGENCE;
        detail = e.getMessage();
        break;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      EvalResult valid = validate(model, split, epoch);
      double ndcg = valid.overall().ndcg();
      curve.add(new EpochRecord(epoch, loss, valid.overall().hr(), ndcg, seconds));
      LOG.info(
          "epoch {} loss {} valid ({}) HR@10 {} NDCG@10 {} ({} s)",
          epoch,
          String.format("%.4f", loss),
          config.validation(),
          String.format("%.4f", valid.overall().hr()),
          String.format("%.4f", ndcg),
          String.format("%.1f", seconds));
      if (ndcg > best) {
        best = ndcg;
        bestEpoch = epoch;
        sinceBest = 0;
        save(model, checkpoint);
      } else {
        sinceBest++;
      }
    }
    load(model, checkpoint);
    LOG.info(
        "best epoch {} valid NDCG@10 {}; stopped by {} at epoch {}",
        bestEpoch,
        String.format("%.4f", best),
        stoppedBy,
        epoch);
    return new TrainResult(
        curve, bestEpoch, best, stoppedBy, epoch, detail, transientFaults - faultsBefore);
  }

  /** Validation metrics after {@code epoch} on the configured candidate set. */
  private EvalResult validate(SequentialRecommender model, SequenceSplit split, int epoch) {
    return evaluator.evaluate(
        new RecommenderScorer(model),
        split,
        Stage.VALID,
        config.validation().protocol(config.seed(), epoch));
  }

  /**
   * One pass over the training samples in shuffled order (also the unit the epoch benchmark times).
   *
   * @param model backbone
   * @param data training sequences
   * @param optimizer optimizer over {@code model.parameters()}
   * @param rng shuffling, negatives and masks
   * @param epoch 1-based epoch number, for messages
   * @return mean batch loss
   */
  public double trainEpoch(
      SequentialRecommender model,
      TrainingData data,
      AdamOptimizer optimizer,
      Random rng,
      int epoch) {
    int samples = model.samplesPerEpoch(data.numUsers());
    int[] order = shuffled(samples, rng);
    int batches = (samples + config.batchSize() - 1) / config.batchSize();
    double lossSum = 0;
    try (ProgressBar bar = progressBar(epoch, batches)) {
      for (int b = 0; b < batches; b++) {
        int[] idx =
            Arrays.copyOfRange(
                order, b * config.batchSize(), Math.min(samples, (b + 1) * config.batchSize()));
        TrainBatch batch = model.sampleBatch(idx, data, rng);
        long batchSeed = StepSeeds.of(config.seed(), epoch, b);
        float loss = backward(model, batch, batchSeed);
        // Every batch draws its dropout masks from its own seed, so a recomputation is the same
        // computation: same weights, same batch, same masks. A non-finite result that it does not
        // give again is a fault of the native computation, not a property of the model (the one
        // such fault we found, constants freed between forward and backward, is fixed:
        // docs/llmemb-method.md §13.1; this stays as a guard); only a blow-up that persists is a
        // divergence.
        for (int retry = 1; !finite(loss, optimizer) && retry <= RECOMPUTES; retry++) {
          LOG.warn(
              "epoch {} batch {}: non-finite {} (loss {}); recomputing the batch with the same"
                  + " weights and dropout masks ({}/{})",
              epoch,
              b,
              Float.isFinite(loss) ? "gradient in " + optimizer.nonFiniteGradients() : "loss",
              loss,
              retry,
              RECOMPUTES);
          optimizer.zeroGradients();
          loss = backward(model, batch, batchSeed);
          if (finite(loss, optimizer)) {
            transientFaults++;
            LOG.warn(
                "epoch {} batch {}: the identical recomputation is finite (loss {}): a transient"
                    + " fault, not the model",
                epoch,
                b,
                loss);
          }
        }
        if (!Float.isFinite(loss)) {
          throw new DivergedException(
              "non-finite training loss " + loss + " at epoch " + epoch + ", batch " + b);
        }
        // A finite loss can still carry an inf or NaN gradient; applied, it would poison the
        // weights silently and
        // only the next batch's loss would show it.
        if (!optimizer.gradientsFinite()) {
          throw new DivergedException(
              "non-finite gradient (loss "
                  + loss
                  + ") at epoch "
                  + epoch
                  + ", batch "
                  + b
                  + " in "
                  + optimizer.nonFiniteGradients());
        }
        optimizer.step();
        lossSum += loss;
        if (bar != null) {
          bar.step();
          bar.setExtraMessage(String.format(" loss %.4f", lossSum / (b + 1)));
        }
      }
    }
    return lossSum / batches;
  }

  /**
   * Forward and backward of one batch (gradients accumulate into the weights'); the loss. The
   * engine's generator is reseeded first, so the same seed gives the same dropout masks.
   */
  public float backward(SequentialRecommender model, TrainBatch batch, long seed) {
    StepSeeds.apply(seed);
    try (NDScope scope = new NDScope();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray l = model.loss(batch);
      NDArray extra = auxiliary.compute(batch);
      if (extra != null) {
        l = l.add(extra);
      }
      collector.backward(l);
      float loss = l.getFloat();
      scope.suppressNotUsedWarning();
      return loss;
    }
  }

  private static boolean finite(float loss, AdamOptimizer optimizer) {
    return Float.isFinite(loss) && optimizer.gradientsFinite();
  }

  /**
   * Batches whose non-finite loss or gradient did not come back when recomputed, since this trainer
   * was made.
   */
  public int transientFaults() {
    return transientFaults;
  }

  private ProgressBar progressBar(int epoch, int batches) {
    if (!showProgress) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("epoch " + epoch)
        .setInitialMax(batches)
        .setStyle(ProgressBarStyle.ASCII)
        .continuousUpdate()
        .build();
  }

  private static int[] shuffled(int n, Random rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static void save(SequentialRecommender model, Path file) {
    try {
      model.parameters().save(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  private static void load(SequentialRecommender model, Path file) {
    try {
      model.parameters().load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }
}
