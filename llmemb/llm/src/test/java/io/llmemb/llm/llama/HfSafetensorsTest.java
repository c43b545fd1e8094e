package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.llm.tokenize.Llama2cTokenizer;
import io.llmemb.llm.tokenize.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stories260K converted to a Hugging Face checkpoint (rotate-half q/k permutation, safetensors,
 * config.json) must compute the same logits as llama2.c's reference; broken checkpoints fail naming
 * file and tensor.
 */
class HfSafetensorsTest {
  private static LlamaModel llama2c;
  @TempDir static Path tmp;

  @BeforeAll
  static void load() {
    llama2c = Stories260k.load();
  }

  @AfterAll
  static void close() {
    llama2c.close();
  }

  private static Path export(String name, DataType storage, int shards) {
    Path dir = tmp.resolve(name);
    try (NDManager manager = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt =
          Llama2cCheckpointReader.read(Stories260k.checkpoint(), manager, DataType.FLOAT32);
      HfCheckpointWriter.write(ckpt, dir, storage, shards);
    }
    return dir;
  }

  private static LlamaModel loadHf(Path dir) {
    return LlamaModels.fromHuggingFace(
        dir,
        LlamaRuntimeOptions.cpu(Stories260k.MAX_TOKENS),
        () -> Llama2cTokenizer.load(Stories260k.tokenizer()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void convertedCheckpointMatchesLlama2cReference(int shards) {
    Path dir = export("hf" + shards, DataType.FLOAT32, shards);
    assertEquals(shards > 1, Files.exists(dir.resolve(HfCheckpointReader.INDEX)));
    try (LlamaModel hf = loadHf(dir)) {
      assertEquals(RopeLayout.ROTATE_HALF, hf.config().ropeLayout());
      assertEquals(1e-5f, hf.config().normEps());
      for (String refName : new String[] {"ref_once.json", "ref_item.json"}) {
        JsonNode ref = Stories260k.reference(refName);
        int[] ids = Stories260k.ints(ref.get("prompt_token_ids"));
        try (NDManager scope = hf.newScope()) {
          float[] logits =
              hf.lastPositionLogits(scope, TokenBatch.rightPadded(new int[][] {ids}, 0))
                  .toFloatArray();
          double error =
              Stories260k.maxRelativeError(
                  logits, Stories260k.floats(ref.get("last_position_logits")));
          assertTrue(error < Llama2cReferenceTest.TOLERANCE, refName + " logit error " + error);
        }
      }
    }
  }

  @Test
  void permutationIsNeededAndInvertible() {
    try (NDManager manager = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt =
          Llama2cCheckpointReader.read(Stories260k.checkpoint(), manager, DataType.FLOAT32);
      NDArray wq = ((Linear) ckpt.weights().layers().get(0).projection(ProjectionName.Q)).weight();
      NDArray permuted = RopePermutation.toRotateHalf(wq, ckpt.config().heads());
      assertFalse(permuted.contentEquals(wq));
      assertTrue(RopePermutation.toInterleaved(permuted, ckpt.config().heads()).contentEquals(wq));
      // Row 1 of head 0 (pair 0, second element) moves to row headDim/2 of head 0.
      int half = ckpt.config().headDim() / 2;
      assertTrue(permuted.get(half).contentEquals(wq.get(1)));
    }
  }

  @Test
  void halfPrecisionStorageIsCastOnLoad() {
    try (LlamaModel hf = loadHf(export("hf16", DataType.FLOAT16, 1));
        NDManager scope = hf.newScope()) {
      assertEquals(DataType.FLOAT32, hf.decoder().weights().tokenEmbedding().getDataType());
      JsonNode ref = Stories260k.reference("ref_once.json");
      int[] ids = Stories260k.ints(ref.get("prompt_token_ids"));
      float[] logits =
          hf.lastPositionLogits(scope, TokenBatch.rightPadded(new int[][] {ids}, 0)).toFloatArray();
      // fp16 rounding of the weights: close, not exact.
      double error =
          Stories260k.maxRelativeError(logits, Stories260k.floats(ref.get("last_position_logits")));
      assertTrue(error < 2e-2, "fp16 logit error " + error);
    }
  }

  @Test
  void missingTensorIsNamed() throws Exception {
    Path dir = export("missing", DataType.FLOAT32, 1);
    String config =
        Files.readString(dir.resolve("config.json"))
            .replace("\"num_hidden_layers\" : 5", "\"num_hidden_layers\" : 6");
    Files.writeString(dir.resolve("config.json"), config);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> loadHf(dir));
    assertTrue(
        e.getMessage().contains("missing tensor 'model.layers.5.self_attn.q_proj.weight'"),
        e.getMessage());
  }

  @Test
  void wrongShapeIsNamed() throws Exception {
    Path dir = export("shape", DataType.FLOAT32, 1);
    String config =
        Files.readString(dir.resolve("config.json"))
            .replace("\"intermediate_size\" : 172", "\"intermediate_size\" : 170");
    Files.writeString(dir.resolve("config.json"), config);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> loadHf(dir));
    assertTrue(
        e.getMessage()
            .contains(
                "model.safetensors: tensor 'model.layers.0.mlp.gate_proj.weight' has shape (172, 64)"),
        e.getMessage());
  }

  @Test
  void unsupportedConfigIsRejected() throws Exception {
    Path dir = export("scaling", DataType.FLOAT32, 1);
    String config =
        Files.readString(dir.resolve("config.json"))
            .replace("\"model_type\"", "\"rope_scaling\" : {\"type\":\"llama3\"}, \"model_type\"");
    Files.writeString(dir.resolve("config.json"), config);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> loadHf(dir));
    assertTrue(e.getMessage().contains("rope_scaling"), e.getMessage());
  }

  @Test
  void truncatedSafetensorsIsNamed() throws Exception {
    Path dir = export("truncated", DataType.FLOAT32, 1);
    Path file = dir.resolve(HfCheckpointReader.SINGLE_FILE);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> loadHf(dir));
    assertTrue(
        e.getMessage().contains("model.safetensors: tensor '")
            && e.getMessage().contains("data_offsets"),
        e.getMessage());
  }
}
