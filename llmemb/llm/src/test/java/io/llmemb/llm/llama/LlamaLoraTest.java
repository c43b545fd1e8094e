package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import io.llmemb.scft.ScftConfig;
import io.llmemb.scft.ScftTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA on the real stories260K decoder, on all seven projections (q, k, v, o, gate, up, down;
 * docs/llmemb-method.md §3): B = 0 leaves the output unchanged, SCFT optimiser steps change only A
 * and B, and saved adapters reloaded into a fresh model and merged reproduce the trained model.
 */
class LlamaLoraTest {

  private static final List<String> PROMPTS =
      List.of(
          "Title: Heat (1995). Genres: Action, Crime.",
          "Once upon a time there was a cat.",
          "Title: Babe (1995). Genres: Children, Drama.",
          "Lily and Tom went to the park.");
  private static final LoraConfig CONFIG =
      new LoraConfig(4, 16f, 0f, Set.copyOf(LoraConfig.LLAMA_ALL));

  private static float[] encode(LlamaModel model) {
    try (NDManager scope = model.newScope()) {
      return model.encode(scope, PROMPTS, false).toFloatArray();
    }
  }

  /** Every frozen array of the decoder: embeddings, norms and the seven base weights per layer. */
  private static List<float[]> frozen(LlamaModel model, List<NDArray> baseWeights) {
    List<float[]> out = new ArrayList<>();
    LlamaWeights w = model.decoder().weights();
    out.add(w.tokenEmbedding().toFloatArray());
    out.add(w.finalNorm().toFloatArray());
    for (LlamaLayerWeights layer : w.layers()) {
      out.add(layer.attentionNorm().toFloatArray());
      out.add(layer.ffnNorm().toFloatArray());
    }
    baseWeights.forEach(a -> out.add(a.toFloatArray()));
    return out;
  }

  @Test
  void allSevenProjectionsTrainSaveLoadAndMerge(@TempDir Path dir) throws Exception {
    float[] trained;
    String trainedId;
    try (LlamaModel model = Stories260k.load()) {
      float[] base = encode(model);
      String baseId = model.modelId();
      List<NDArray> baseWeights = new ArrayList<>();
      for (LlamaLayerWeights layer : model.decoder().weights().layers()) {
        for (ProjectionName name : ProjectionName.values()) {
          baseWeights.add(((Linear) layer.projection(name)).weight());
        }
      }
      List<float[]> frozenBefore = frozen(model, baseWeights);

      Map<String, LoraLinear> lora = model.attachLora(CONFIG, 7);
      int layers = model.config().layers();
      assertEquals(7 * layers, lora.size(), "q, k, v, o, gate, up, down in every layer");
      assertTrue(
          lora.containsKey("model.layers.0.self_attn.q_proj")
              && lora.containsKey("model.layers." + (layers - 1) + ".mlp.down_proj"));
      assertEquals(2 * 7 * layers, model.trainableParameters().size());
      assertArrayEquals(
          base, encode(model), 1e-5f, "B = 0: the adapted model computes the base function");
      assertEquals(baseId, model.baseWeightsId());

      List<float[]> aBefore = lora.values().stream().map(l -> l.loraA().toFloatArray()).toList();
      ScftTrainer.Result r =
          new ScftTrainer(
                  ScftConfig.defaults().withSteps(2).withBatchSize(4).withLearningRate(1e-2f))
              .train(model, PROMPTS, 0, step -> {});
      assertEquals(2, r.steps());

      List<float[]> frozenAfter = frozen(model, baseWeights);
      for (int i = 0; i < frozenBefore.size(); i++) {
        assertArrayEquals(
            frozenBefore.get(i), frozenAfter.get(i), 0f, "frozen array " + i + " unchanged");
      }
      int i = 0;
      for (Map.Entry<String, LoraLinear> e : lora.entrySet()) {
        float[] b = e.getValue().loraB().toFloatArray();
        float maxB = 0;
        for (float v : b) {
          maxB = Math.max(maxB, Math.abs(v));
        }
        assertTrue(maxB > 0, e.getKey() + ": B moved off zero");
        assertFalse(
            Arrays.equals(aBefore.get(i++), e.getValue().loraA().toFloatArray()),
            e.getKey() + ": A was updated (from step 2 on, once B is non-zero)");
      }
      trained = encode(model);
      assertTrue(
          Stories260k.maxRelativeError(trained, base) > 1e-4, "the step changed the embeddings");
      trainedId = model.modelId();
      assertNotEquals(baseId, trainedId, "the model id records the LoRA state");
      LoraCheckpoint.save(dir, model.baseWeightsId(), CONFIG, model.loraModules(), 2);
    }
    try (LlamaModel fresh = Stories260k.load();
        NDManager m = NDManager.newBaseManager()) {
      LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(dir, m);
      assertEquals(fresh.baseWeightsId(), loaded.manifest().baseModelId());
      fresh.attachLora(loaded.manifest().config(), loaded.weights());
      assertArrayEquals(
          trained, encode(fresh), 1e-5f, "reloaded adapters reproduce the trained model");
      assertEquals(trainedId, fresh.modelId());
      fresh.mergeLora();
      assertEquals(
          0, fresh.trainableParameters().size(), "merged adapters are no longer trainable");
      assertTrue(Stories260k.maxRelativeError(encode(fresh), trained) < 1e-4, "merged = unmerged");
    }
  }

  @Test
  void unknownTargetsAndForeignModulesAreRefused() {
    try (LlamaModel model = Stories260k.load()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> model.attachLora(new LoraConfig(4, 8f, 0f, Set.of("attention.self.query")), 1));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              model.attachLora(
                  CONFIG, Map.of("encoder.layer.0.attention.self.query", new NDArray[2])));
    }
  }
}
