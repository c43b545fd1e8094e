package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GRU4Rec: which positions carry labels under each objective, padding invariance, gradient flow.
 */
class Gru4RecTest {

  private static final BackboneConfig CONFIG = new BackboneConfig(8, 1, 1, 0f, 10, 0.6f);

  /**
   * One thread like every other test, so the engine's thread setup does not depend on test order.
   */
  private static final EngineConfig ENGINE = new EngineConfig("cpu", 1, 1, 3);

  private static final SequenceSplit DATA = SyntheticSplits.ring(20, 40, 4, 16, 0.9, 5);

  @Test
  void allPositionsLabelsEveryNextItemAndLastLabelsOne() {
    TrainingData data = new TrainingData(DATA);
    int[] users = {0, 1, 2, 3, 4, 5};
    int expected = 0;
    for (int u : users) {
      expected += Math.min(CONFIG.maxLen(), data.sequence(u).length - 1);
    }
    try (NDManager m = NDManager.newBaseManager(ENGINE.apply())) {
      Gru4Rec all = new Gru4Rec(CONFIG, DATA.numItems(), m, IdEmbeddings.factory());
      assertEquals(
          TrainingObjective.ALL_POSITIONS, all.objective(), "all-positions is the default");
      TrainBatch batch = all.sampleBatch(users, data, new Random(1));
      assertEquals(CONFIG.maxLen(), batch.labelLen());
      assertEquals(expected, Arrays.stream(batch.positives()).filter(p -> p != 0).count());
      assertEquals(expected, Arrays.stream(batch.negatives()).filter(p -> p != 0).count());
      // Label at column j is the input at column j+1 (next item), and the row's last label is
      // train[-1].
      int len = CONFIG.maxLen();
      for (int j = 0; j < len - 1; j++) {
        if (batch.positives()[j] != 0) {
          assertEquals(batch.inputs()[j + 1], batch.positives()[j], "label of column " + j);
        }
      }
      int[] seq0 = data.sequence(0);
      assertEquals(seq0[seq0.length - 1], batch.positives()[len - 1]);

      Gru4Rec last =
          new Gru4Rec(CONFIG, TrainingObjective.LAST, DATA.numItems(), m, IdEmbeddings.factory());
      TrainBatch one = last.sampleBatch(users, data, new Random(1));
      assertEquals(1, one.labelLen());
      assertEquals(users.length, Arrays.stream(one.positives()).filter(p -> p != 0).count());
      assertArrayEquals(batch.inputs(), one.inputs(), "both objectives read train[:-1]");
    }
  }

  @Test
  void sequenceVectorIsTheLastRealStateWhateverThePaddingLength() {
    try (NDManager m = NDManager.newBaseManager(ENGINE.apply())) {
      // Row 0 deliberately non-zero: padding must still not move the state.
      Gru4Rec gru =
          new Gru4Rec(
              CONFIG,
              DATA.numItems(),
              m,
              (params, numItems, extra, h) ->
                  new DenseTable(params.normal("items", new Shape(numItems + 1, h), 1f)));
      float[] short1 = encode(gru, m, new int[] {0, 3, 7, 9});
      float[] long1 = encode(gru, m, new int[] {0, 0, 0, 0, 0, 0, 3, 7, 9});
      float[] unpadded = encode(gru, m, new int[] {3, 7, 9});
      assertArrayEquals(unpadded, short1, 1e-5f);
      assertArrayEquals(unpadded, long1, 1e-5f);
      float[] otherLast = encode(gru, m, new int[] {0, 3, 7, 8});
      assertFalse(
          Arrays.equals(unpadded, otherLast), "the vector must depend on the last real item");
      float[] otherFirst = encode(gru, m, new int[] {0, 4, 7, 9});
      assertFalse(
          Arrays.equals(unpadded, otherFirst),
          "the vector must depend on earlier items (recurrence in time)");
      float[] batched =
          gru.encode(m.create(new int[] {3, 7, 9, 5, 5, 5}, new Shape(2, 3)), false)
              .get(0)
              .toFloatArray();
      assertArrayEquals(unpadded, batched, 1e-5f, "rows of a batch must not influence each other");
    }
  }

  @Test
  void gradientsReachTheGruWeightsUnderBothObjectives() {
    TrainingData data = new TrainingData(DATA);
    for (TrainingObjective objective : TrainingObjective.values()) {
      try (NDManager m = NDManager.newBaseManager(ENGINE.apply())) {
        Gru4Rec gru = new Gru4Rec(CONFIG, objective, DATA.numItems(), m, IdEmbeddings.factory());
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
          c.backward(gru.loss(gru.sampleBatch(new int[] {0, 1, 2}, data, new Random(2))));
        }
        for (String name :
            new String[] {"gru.weight_ih_l0", "gru.weight_hh_l0", IdEmbeddings.PARAM_NAME}) {
          NDArray grad = gru.parameters().asMap().get(name).getGradient();
          assertTrue(grad.abs().sum().getFloat() > 0f, objective + ": no gradient reaches " + name);
        }
      }
    }
  }

  @Test
  void bert4recRejectsANextItemObjective() {
    try (NDManager m = NDManager.newBaseManager(ENGINE.apply())) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              Backbones.create(
                  Bert4Rec.NAME,
                  CONFIG,
                  Optional.of(TrainingObjective.LAST),
                  DATA.numItems(),
                  m,
                  IdEmbeddings.factory()));
      assertEquals(TrainingObjective.LAST, TrainingObjective.parse("LAST"));
      assertThrows(IllegalArgumentException.class, () -> TrainingObjective.parse("every"));
    }
  }

  private static float[] encode(Gru4Rec gru, NDManager m, int[] row) {
    return gru.encode(m.create(row, new Shape(1, row.length)), false).toFloatArray();
  }

  /** A plain trainable table without the padding-row mask. */
  private record DenseTable(NDArray weight) implements ItemEmbeddingProvider {
    @Override
    public int rows() {
      return (int) weight.getShape().get(0);
    }

    @Override
    public int hidden() {
      return (int) weight.getShape().get(1);
    }

    @Override
    public NDArray table(boolean training) {
      return weight;
    }
  }
}
