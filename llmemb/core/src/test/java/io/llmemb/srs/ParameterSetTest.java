package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint round trip and its errors. */
class ParameterSetTest {

  @TempDir Path dir;

  @Test
  void withoutRandomInitGivesZerosOnlyInsideTheBuildAndNoLaterDrawsChange() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 3).apply())) {
      ParameterSet skipped = new ParameterSet(m);
      float[][] zeros =
          ParameterSet.withoutRandomInit(
              () ->
                  new float[][] {
                    skipped.xavier("w", 3, 4).toFloatArray(),
                    skipped.uniform("b", new Shape(4), 0.5f).toFloatArray(),
                    skipped.constant("g", new Shape(2), 1f).toFloatArray()
                  });
      assertArrayEquals(new float[12], zeros[0]);
      assertArrayEquals(new float[4], zeros[1]);
      assertArrayEquals(new float[] {1f, 1f}, zeros[2], "constants are not random: kept");
      float[] after = new ParameterSet(m).xavier("w", 3, 4).toFloatArray();
      float sum = 0f;
      for (float v : after) {
        sum += Math.abs(v);
      }
      assertEquals(true, sum > 0f, "random initialisation is back after the build");
    }
  }

  @Test
  void saveLoadRoundTripAndShapeMismatch() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 1).apply())) {
      ParameterSet a = new ParameterSet(m);
      a.xavier("w", 3, 4);
      a.constant("b", new Shape(4), 0.5f);
      Path file = dir.resolve("p.params");
      a.save(file);
      ParameterSet b = new ParameterSet(m);
      b.xavier("w", 3, 4);
      b.constant("b", new Shape(4), 0f);
      b.load(file);
      assertArrayEquals(a.asMap().get("w").toFloatArray(), b.asMap().get("w").toFloatArray());
      assertArrayEquals(a.asMap().get("b").toFloatArray(), b.asMap().get("b").toFloatArray());
      ParameterSet c = new ParameterSet(m);
      c.xavier("w", 4, 3);
      c.constant("b", new Shape(4), 0f);
      assertThrows(IOException.class, () -> c.load(file));
      assertThrows(IllegalArgumentException.class, () -> a.constant("b", new Shape(1), 0f));
    }
  }

  @Test
  void warmStartCopiesMatchingAndRenamedParametersAndLeavesTheRest() throws IOException {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 1).apply())) {
      ParameterSet plain = new ParameterSet(m);
      plain.xavier("item_emb", 5, 4);
      plain.xavier("block", 4, 4);
      plain.constant("other_shape", new Shape(3), 1f);
      Path file = dir.resolve("plain.params");
      plain.save(file);
      ParameterSet fused = new ParameterSet(m);
      fused.constant("id_view", new Shape(5, 4), 0f);
      fused.constant("block", new Shape(4, 4), 0f);
      fused.constant("other_shape", new Shape(4), 0f);
      fused.constant("adapter", new Shape(2), 7f);
      List<String> loaded = fused.loadMatching(file, Map.of("item_emb", "id_view"));
      assertEquals(List.of("id_view", "block"), loaded);
      assertArrayEquals(
          plain.asMap().get("item_emb").toFloatArray(),
          fused.asMap().get("id_view").toFloatArray());
      assertArrayEquals(
          plain.asMap().get("block").toFloatArray(), fused.asMap().get("block").toFloatArray());
      assertArrayEquals(new float[4], fused.asMap().get("other_shape").toFloatArray());
      assertArrayEquals(new float[] {7f, 7f}, fused.asMap().get("adapter").toFloatArray());
    }
  }
}
