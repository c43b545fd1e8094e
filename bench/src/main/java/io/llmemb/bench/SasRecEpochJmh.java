package io.llmemb.bench;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.BackboneConfig;
import io.llmemb.srs.IdEmbeddings;
import io.llmemb.srs.SasRec;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.Trainer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** JMH form of {@link SasRecEpochBench}: one SASRec training epoch per invocation (single-shot). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class SasRecEpochJmh {

  @Param({"50", "200"})
  int maxLen;

  private NDManager manager;
  private SasRec model;
  private TrainingData data;
  private AdamOptimizer adam;
  private Trainer trainer;
  private final Random rng = new Random(42);

  /** Loads data and builds the model once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SequenceSplit split = EpochData.load(EpochData.DEFAULT_DIR);
    manager = NDManager.newBaseManager(EngineConfig.defaults().apply());
    model =
        new SasRec(
            new BackboneConfig(
                BackboneConfig.DEFAULT_HIDDEN,
                BackboneConfig.DEFAULT_BLOCKS,
                BackboneConfig.DEFAULT_HEADS,
                BackboneConfig.DEFAULT_DROPOUT,
                maxLen,
                BackboneConfig.DEFAULT_MASK_PROB),
            split.numItems(),
            manager,
            IdEmbeddings.factory());
    data = new TrainingData(split);
    adam = new AdamOptimizer(model.parameters().asMap(), TrainConfig.DEFAULT_LR);
    trainer = new Trainer(TrainConfig.defaults(42), false);
  }

  /** One epoch. */
  @Benchmark
  public double epoch() {
    return trainer.trainEpoch(model, data, adam, rng, 1);
  }

  /** Frees the native memory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }
}
