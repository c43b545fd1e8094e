package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint round trip and its errors. */
class ParameterSetTest {

  @TempDir
  Path dir;

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
}
