package io.llmemb.llm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.llmemb.files.CorruptArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraLinearTest {

  private static final LoraConfig CONFIG = new LoraConfig(4, 16f, 0.1f, Set.of("q"));

  @Test
  void startsEqualToBaseAndMergeMatchesUnmerged() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      FrozenLinear base =
          new FrozenLinear(m.randomNormal(new Shape(5, 6)), m.randomNormal(new Shape(5)));
      LoraLinear lora = LoraLinear.initialise(base, CONFIG, m);
      NDArray x = m.randomNormal(new Shape(3, 6));
      assertArrayEquals(
          base.forward(x, false).toFloatArray(),
          lora.forward(x, false).toFloatArray(),
          1e-6f,
          "B = 0 at init, so the adapted layer equals the base");
      lora.loraB().set(m.randomNormal(new Shape(5, 4)).toFloatArray());
      float[] unmerged = lora.forward(x, false).toFloatArray();
      assertFalse(
          closeTo(base.forward(x, false).toFloatArray(), unmerged, 1e-3f),
          "update must change output");
      lora.merge();
      assertTrue(lora.isMerged());
      assertArrayEquals(unmerged, lora.forward(x, false).toFloatArray(), 1e-4f);
    }
  }

  @Test
  void onlyAdaptersReceiveGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      FrozenLinear base = new FrozenLinear(m.randomNormal(new Shape(5, 6)), null);
      LoraLinear lora = LoraLinear.initialise(base, CONFIG, m);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(lora.forward(m.randomNormal(new Shape(3, 6)), true).square().sum());
      }
      assertNotNull(lora.loraB().getGradient());
      assertTrue(
          lora.loraB().getGradient().abs().sum().getFloat() > 0, "B gets a gradient even at B = 0");
      assertFalse(base.weight().hasGradient(), "base weight is frozen");
      assertNull(base.bias());
    }
  }

  @Test
  void checkpointRoundTripsAndRefusesCorruption(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      FrozenLinear base = new FrozenLinear(m.randomNormal(new Shape(5, 6)), null);
      LoraLinear lora = LoraLinear.initialise(base, CONFIG, m);
      lora.loraB().set(m.randomNormal(new Shape(5, 4)).toFloatArray());
      LoraCheckpoint.save(dir, "base@x", CONFIG, Map.of("layer.0.q", lora), 3);
      LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(dir, m);
      assertArrayEquals(
          lora.loraA().toFloatArray(), loaded.weights().get("layer.0.q")[0].toFloatArray());
      assertArrayEquals(
          lora.loraB().toFloatArray(), loaded.weights().get("layer.0.q")[1].toFloatArray());
      assertTrue(loaded.manifest().config().equals(CONFIG));
      byte[] bytes = Files.readAllBytes(dir.resolve(LoraCheckpoint.TENSORS));
      bytes[bytes.length - 1] ^= 1;
      Files.write(dir.resolve(LoraCheckpoint.TENSORS), bytes);
      assertThrows(CorruptArtifactException.class, () -> LoraCheckpoint.load(dir, m));
    }
  }

  private static boolean closeTo(float[] a, float[] b, float tol) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > tol) {
        return false;
      }
    }
    return true;
  }
}
