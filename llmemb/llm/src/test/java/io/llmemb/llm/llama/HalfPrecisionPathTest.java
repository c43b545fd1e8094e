package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.llm.tokenize.TokenBatch;
import org.junit.jupiter.api.Test;

/**
 * The fp16 code path meant for GPUs, exercised on CPU (PyTorch CPU kernels support fp16): dtypes
 * stay consistent through RoPE, RMSNorm (fp32 inside), attention (fp32 softmax) and pooling (fp32
 * out), and the result stays close to llama2.c's fp32 reference.
 */
class HalfPrecisionPathTest {

  @Test
  void fp16DecoderMatchesReferenceLoosely() {
    JsonNode ref = Stories260k.reference("ref_item.json");
    TokenBatch batch =
        TokenBatch.rightPadded(new int[][] {Stories260k.ints(ref.get("prompt_token_ids"))}, 0);
    try (NDManager m = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt =
          Llama2cCheckpointReader.read(Stories260k.checkpoint(), m, DataType.FLOAT16);
      LlamaDecoder decoder = new LlamaDecoder(ckpt.config(), ckpt.weights(), m);
      NDArray mask = batch.maskArray(m);
      NDArray hidden = decoder.hiddenStates(batch.idsArray(m), mask, false);
      assertEquals(DataType.FLOAT16, hidden.getDataType());
      NDArray pooled = MeanPooling.pool(hidden, mask);
      assertEquals(DataType.FLOAT32, pooled.getDataType());
      double error =
          Stories260k.maxRelativeError(
              pooled.get(0).toFloatArray(),
              Stories260k.floats(ref.get("mean_pooled_final_norm_hidden")));
      assertTrue(error < 5e-2, "fp16 pooled error " + error);
    }
  }

  @Test
  void halfPrecisionIsRefusedOnCpu() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LlamaRuntimeOptions(Device.cpu(), DataType.FLOAT16, 64, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LlamaRuntimeOptions(Device.gpu(), DataType.BFLOAT16, 64, 1));
  }
}
