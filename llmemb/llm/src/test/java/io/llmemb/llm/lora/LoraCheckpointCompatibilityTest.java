package io.llmemb.llm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.files.CorruptArtifactException;
import io.llmemb.files.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the committed format-1 LoRA checkpoint (test resources {@code artifacts-v1/lora}, written
 * before {@code adapter.json} carried a format version), refuses a newer format, and records
 * provenance.
 */
class LoraCheckpointCompatibilityTest {

  static final Path FIXTURE = Path.of("src/test/resources/artifacts-v1/lora");
  private static final String MODULE = "encoder.layer.0.attention.self.query";

  @TempDir Path tmp;

  @Test
  void aCheckpointWithoutAFormatVersionLoadsAsFormatOne() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(FIXTURE, m);
      LoraCheckpoint.Manifest manifest = loaded.manifest();
      assertEquals(1, manifest.formatVersion());
      assertNull(manifest.provenance());
      assertEquals("fixture-base@1/max64", manifest.baseModelId());
      assertEquals(new LoraConfig(2, 4f, 0f, Set.of("query", "value")), manifest.config());
      assertEquals(List.of(MODULE), manifest.modules());
      assertEquals(3, manifest.steps());
      assertArrayEquals(
          new float[] {0.1f, 0.2f, 0.3f, -0.1f, 0f, 0.5f},
          loaded.weights().get(MODULE)[0].toFloatArray());
      assertArrayEquals(
          new float[] {1f, 2f, -1f, 0.5f}, loaded.weights().get(MODULE)[1].toFloatArray());
    }
  }

  @Test
  void aNewerFormatIsRefusedNamingTheFileAndBothVersions() throws Exception {
    Files.createDirectories(tmp.resolve("lora"));
    for (String f : List.of(LoraCheckpoint.MANIFEST, LoraCheckpoint.TENSORS)) {
      Files.copy(FIXTURE.resolve(f), tmp.resolve("lora").resolve(f));
    }
    Path manifest = tmp.resolve("lora").resolve(LoraCheckpoint.MANIFEST);
    Files.writeString(
        manifest, Files.readString(manifest).replaceFirst("\\{", "{\n  \"formatVersion\" : 2,"));
    try (NDManager m = NDManager.newBaseManager()) {
      CorruptArtifactException e =
          assertThrows(
              CorruptArtifactException.class, () -> LoraCheckpoint.load(tmp.resolve("lora"), m));
      assertTrue(
          e.getMessage()
              .startsWith(manifest + ": LoRA checkpoint format 2, this build reads up to 1"),
          e.getMessage());
    }
  }

  @Test
  void provenanceIsRecordedWhenGiven() throws Exception {
    Provenance p =
        Provenance.of(
            "fixture", "0".repeat(64), Map.of("steps", "3"), "fixture-base@1", "prompt-v1");
    try (NDManager m = NDManager.newBaseManager()) {
      LoraCheckpoint.Loaded fixture = LoraCheckpoint.load(FIXTURE, m);
      LoraConfig config = fixture.manifest().config();
      LoraLinear lora =
          LoraLinear.restore(
              new FrozenLinear(m.create(new float[][] {{1, 0, 0}, {0, 1, 0}}), null),
              fixture.weights().get(MODULE),
              config,
              m);
      LoraCheckpoint.Manifest written =
          LoraCheckpoint.save(
              tmp.resolve("again"), "fixture-base@1/max64", config, Map.of(MODULE, lora), 3, p);
      assertEquals(1, written.formatVersion());
      assertEquals(
          fixture.manifest().sha256(), written.sha256(), "same adapters, same tensor file");
      assertEquals(p, LoraCheckpoint.load(tmp.resolve("again"), m).manifest().provenance());
    }
  }
}
