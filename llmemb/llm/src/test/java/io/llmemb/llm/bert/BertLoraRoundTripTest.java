package io.llmemb.llm.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA on the real MiniLM: saved, reloaded into a fresh encoder, merged; outputs must match the
 * live adapters.
 */
class BertLoraRoundTripTest {

  private static final List<String> TEXTS =
      List.of(
          "The movie has the following attributes: \n title is Heat",
          "Amélie; 2001; Comedy, Romance");

  @Test
  void savedAndMergedAdaptersReproduceTheTrainedEncoder(@TempDir Path dir) throws Exception {
    BertEncoderOptions options = BertEncoderOptions.defaults("minilm").withMaxTokens(32);
    float[] live;
    String liveId;
    try (BertTextEncoder enc = BertTextEncoder.open(options);
        NDManager m = NDManager.newBaseManager()) {
      float[] base = enc.encode(m, TEXTS, false).toFloatArray();
      String baseId = enc.modelId();
      LoraConfig config = LoraConfig.paperDefaultsForBert();
      Map<String, LoraLinear> lora = enc.attachLora(config, 1);
      assertEquals(6 * 6, lora.size());
      assertEquals(72, enc.trainableParameters().size());
      assertArrayEquals(
          base, enc.encode(m, TEXTS, false).toFloatArray(), 1e-5f, "B = 0: unchanged at init");
      for (LoraLinear l : lora.values()) {
        NDArray b = l.loraB();
        b.set(m.randomNormal(0, 0.02f, b.getShape(), b.getDataType()).toFloatArray());
      }
      live = enc.encode(m, TEXTS, false).toFloatArray();
      liveId = enc.modelId();
      assertNotEquals(baseId, liveId, "model id records the LoRA state");
      LoraCheckpoint.save(dir, enc.baseWeightsId(), config, enc.loraModules(), 1);
    }
    try (BertTextEncoder enc = BertTextEncoder.open(options);
        NDManager m = NDManager.newBaseManager()) {
      LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(dir, m);
      enc.attachLora(loaded.manifest().config(), loaded.weights());
      enc.mergeLora();
      assertArrayEquals(live, enc.encode(m, TEXTS, false).toFloatArray(), 1e-4f);
      assertEquals(liveId, enc.modelId());
      assertEquals(0, enc.trainableParameters().size(), "merged adapters are no longer trainable");
    }
  }
}
