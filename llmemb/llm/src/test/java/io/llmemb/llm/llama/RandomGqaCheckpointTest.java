package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.llmemb.llm.lora.Projection;
import io.llmemb.llm.tokenize.Llama2cTokenizer;
import io.llmemb.llm.tokenize.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A randomly initialised GQA checkpoint with an untied head, written as fp16 safetensors (two
 * shards), loads and runs.
 */
class RandomGqaCheckpointTest {
  private static final LlamaConfig CONFIG =
      new LlamaConfig(32, 48, 2, 4, 2, 512, 64, 1e-6f, 500000f, false, RopeLayout.ROTATE_HALF);

  @TempDir Path tmp;

  static LoadedCheckpoint random(NDManager m, LlamaConfig c) {
    List<LlamaLayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      Map<ProjectionName, Projection> p = new EnumMap<>(ProjectionName.class);
      for (ProjectionName name : ProjectionName.values()) {
        p.put(name, new Linear(normal(m, name.outFeatures(c), name.inFeatures(c))));
      }
      layers.add(
          new LlamaLayerWeights(
              m.ones(new Shape(c.dim())), m.ones(new Shape(c.dim())).mul(0.5f), p));
    }
    return new LoadedCheckpoint(
        c,
        new LlamaWeights(
            normal(m, c.vocabSize(), c.dim()),
            layers,
            m.ones(new Shape(c.dim())),
            normal(m, c.vocabSize(), c.dim())));
  }

  private static NDArray normal(NDManager m, long out, long in) {
    return m.randomNormal(0f, (float) (1 / Math.sqrt(in)), new Shape(out, in), DataType.FLOAT32);
  }

  @Test
  void loadsAndRunsWithExpectedShapes() {
    Path dir = tmp.resolve("random");
    NDArray writtenHead;
    try (NDManager m = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt = random(m, CONFIG);
      HfCheckpointWriter.write(ckpt, dir, DataType.FLOAT16, 2);
      writtenHead =
          ckpt.weights().lmHead().toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false);
      writtenHead.detach();
    }
    try (LlamaModel model =
            LlamaModels.fromHuggingFace(
                dir,
                LlamaRuntimeOptions.cpu(16),
                () -> Llama2cTokenizer.load(Stories260k.tokenizer()));
        NDManager scope = model.newScope()) {
      writtenHead.attach(scope);
      assertEquals(CONFIG, model.config());
      assertEquals(2, model.config().groupSize());
      assertTrue(
          model.decoder().weights().lmHead().contentEquals(writtenHead),
          "untied head loaded from lm_head");
      assertFalse(
          model
              .decoder()
              .weights()
              .lmHead()
              .contentEquals(model.decoder().weights().tokenEmbedding()));

      NDArray pooled =
          model.encode(
              scope, List.of("a red car", "Title: Heat (1995). Genres: Action.", ""), false);
      assertEquals(new Shape(3, 32), pooled.getShape());
      assertEquals(DataType.FLOAT32, pooled.getDataType());
      assertTrue(pooled.isInfinite().logicalOr(pooled.isNaN()).none().getBoolean());

      TokenBatch batch =
          model.promptEncoder().encodeBatch(List.of("a red car", "the end of a long story"));
      NDArray hidden = model.hiddenStates(scope, batch);
      assertEquals(new Shape(2, batch.width(), 32), hidden.getShape());
      assertEquals(new Shape(2, 512), model.lastPositionLogits(scope, batch).getShape());
    }
  }

  @Test
  void bf16TensorsAreWidenedExactly() throws Exception {
    Path dir = tmp.resolve("bf16");
    float[] embedding;
    try (NDManager m = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt = random(m, CONFIG);
      HfCheckpointWriter.write(ckpt, dir, DataType.FLOAT32, 1);
      embedding = ckpt.weights().tokenEmbedding().toFloatArray();
    }
    Path file = dir.resolve(HfCheckpointReader.SINGLE_FILE);
    Files.write(file, Bf16Images.narrowF32ToBf16(Files.readAllBytes(file)));
    assertTrue(
        Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains("BF16"));
    try (LlamaModel model =
        LlamaModels.fromHuggingFace(
            dir,
            LlamaRuntimeOptions.cpu(16),
            () -> Llama2cTokenizer.load(Stories260k.tokenizer()))) {
      float[] loaded = model.decoder().weights().tokenEmbedding().toFloatArray();
      for (int i = 0; i < embedding.length; i++) {
        float truncated = Float.intBitsToFloat(Float.floatToRawIntBits(embedding[i]) & 0xFFFF0000);
        assertEquals(truncated, loaded[i], "element " + i);
      }
    }
  }
}
