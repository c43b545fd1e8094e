package io.llmemb.llm.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderLoaderTest {

  private static final List<String> TEXTS =
      List.of("The movie has the following attributes: title is Heat", "a second prompt");

  @Test
  void mergesSavedAdaptersAndRefusesAdaptersOfOtherWeights(@TempDir Path tmp) throws Exception {
    BertEncoderOptions options = BertEncoderOptions.defaults("minilm").withMaxTokens(32);
    float[] live;
    try (BertTextEncoder enc = BertTextEncoder.open(options);
        NDManager m = NDManager.newBaseManager()) {
      LoraConfig config = LoraConfig.paperDefaultsForBert();
      Map<String, LoraLinear> lora = enc.attachLora(config, 1);
      for (LoraLinear l : lora.values()) {
        NDArray b = l.loraB();
        b.set(m.randomNormal(0, 0.02f, b.getShape(), b.getDataType()).toFloatArray());
      }
      live = enc.encode(m, TEXTS, false).toFloatArray();
      LoraCheckpoint.save(tmp.resolve("ok"), enc.baseWeightsId(), config, enc.loraModules(), 1);
      LoraCheckpoint.save(
          tmp.resolve("other"), "bge-small@000000000000", config, enc.loraModules(), 1);
    }
    try (BertTextEncoder enc = EncoderLoader.open(options, tmp.resolve("ok"));
        NDManager m = NDManager.newBaseManager()) {
      assertArrayEquals(live, enc.encode(m, TEXTS, false).toFloatArray(), 1e-4f);
      assertTrue(enc.modelId().contains("+lora:"), enc.modelId());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncoderLoader.open(options, tmp.resolve("other")));
    assertTrue(e.getMessage().contains("bge-small@000000000000"), e.getMessage());
  }
}
