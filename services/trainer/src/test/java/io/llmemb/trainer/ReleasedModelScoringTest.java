package io.llmemb.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.bundle.ServingModel;
import io.llmemb.eval.ServingModelScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleasedModelScoringTest {

  /**
   * Released over items a, b, c (ids 1..3); the user vector is the sum of the history's item
   * vectors.
   */
  static final class SumModel implements ServingModel {
    final List<int[]> seen = new ArrayList<>();
    private final float[] vectors = {1, 0, 0, 1, 1, 1};

    @Override
    public String version() {
      return "v";
    }

    @Override
    public String manifestSha256() {
      return "0";
    }

    @Override
    public String backbone() {
      return "sasrec";
    }

    @Override
    public String variant() {
      return "id";
    }

    @Override
    public int hidden() {
      return 2;
    }

    @Override
    public int maxLen() {
      return 10;
    }

    @Override
    public List<String> itemIds() {
      return List.of("a", "b", "c");
    }

    @Override
    public float[] itemVectors() {
      return vectors.clone();
    }

    @Override
    public Optional<float[]> adaptNewItem(float[] e) {
      return Optional.empty();
    }

    @Override
    public float[] encodeUser(int[] history) {
      seen.add(history.clone());
      float[] u = new float[2];
      for (int id : history) {
        if (id >= 1 && id <= 3) {
          u[0] += vectors[(id - 1) * 2];
          u[1] += vectors[(id - 1) * 2 + 1];
        }
      }
      return u;
    }
  }

  @Test
  void mapsItemsByRawIdAndRanksUnknownItemsLast() {
    SumModel model = new SumModel();
    // The new snapshot numbers items differently and has a new item "z".
    ServingModelScorer scorer = new ServingModelScorer(model, List.of("c", "z", "a", "b"));
    assertEquals(4, scorer.numItems());
    float[][] scores = scorer.score(List.of(new int[] {3, 2})); // snapshot ids of a, z
    assertArrayEquals(
        new int[] {1, 0}, model.seen.get(0)); // a -> model id 1, z unknown -> 0 (skipped)
    // user = vec(a) = (1, 0): c -> 1, z -> unknown, a -> 1, b -> 0
    assertEquals(1f, scores[0][1]);
    assertEquals(ServingModelScorer.UNKNOWN, scores[0][2]);
    assertEquals(1f, scores[0][3]);
    assertEquals(0f, scores[0][4]);
  }
}
