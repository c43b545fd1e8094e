package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import io.llmemb.training.TrainConfig;
import io.llmemb.training.TrainResult;
import io.llmemb.training.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One smoke test per backbone: finite decreasing loss, output shape, seeded determinism
 * (docs/style-by-example.md item 14).
 */
class BackboneSmokeTest {

  private static final BackboneConfig SMALL = new BackboneConfig(16, 2, 1, 0.1f, 12, 0.6f);
  private static final SequenceSplit DATA = SyntheticSplits.ring(200, 150, 6, 16, 0.9, 7);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void trainsScoresAndIsDeterministic(String backbone) {
    TrainConfig train = new TrainConfig(5e-3, 32, 4, 10, 3);
    float[] first = run(backbone, train, dir.resolve("a"));
    float[] second = run(backbone, train, dir.resolve("b"));
    assertArrayEquals(first, second, 0f, "same seed must give identical curves and scores");
  }

  private float[] run(String backbone, TrainConfig train, Path checkpoints) {
    Device device = new EngineConfig("cpu", 1, 1, 11).apply();
    try (NDManager manager = NDManager.newBaseManager(device)) {
      SequentialRecommender model =
          Backbones.create(backbone, SMALL, DATA.numItems(), manager, IdEmbeddings.factory());
      TrainResult result = new Trainer(train, false).fit(model, DATA, checkpoints);
      double firstLoss = result.curve().get(0).loss();
      double lastLoss = result.curve().get(result.curve().size() - 1).loss();
      assertTrue(Double.isFinite(firstLoss) && Double.isFinite(lastLoss), "finite loss");
      assertTrue(
          lastLoss < firstLoss, backbone + " loss must decrease: " + firstLoss + " -> " + lastLoss);
      int[] ids = new int[3 * SMALL.maxLen()];
      for (int i = 0; i < 3; i++) {
        model.predictionRow(DATA.train()[i], ids, i * SMALL.maxLen());
      }
      NDArray scores = model.scoreAll(manager.create(ids, new Shape(3, SMALL.maxLen())));
      assertEquals(new Shape(3, DATA.numItems() + 1), scores.getShape());
      float[] out = new float[result.curve().size() + (int) scores.size()];
      for (int e = 0; e < result.curve().size(); e++) {
        out[e] = (float) result.curve().get(e).loss();
      }
      System.arraycopy(scores.toFloatArray(), 0, out, result.curve().size(), (int) scores.size());
      return out;
    }
  }
}
