package io.llmemb.llm;

import ai.djl.ndarray.NDManager;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a BERT-family encoder with optional SCFT LoRA adapters merged into its weights. Shared by the CLI
 * ({@link EncoderCliOptions}) and the embedding-worker service, so both embed with exactly the same model.
 */
public final class EncoderLoader {

  private EncoderLoader() {}

  /**
   * Opens the encoder of {@code options}; when {@code loraDir} is non-null its adapters are attached and merged.
   *
   * @throws IllegalArgumentException if the adapters were trained on other base weights
   */
  public static BertTextEncoder open(BertEncoderOptions options, Path loraDir) throws IOException {
    BertTextEncoder enc = BertTextEncoder.open(options);
    if (loraDir != null) {
      try (NDManager m = NDManager.newBaseManager()) {
        LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(loraDir, m);
        if (!loaded.manifest().baseModelId().equals(enc.baseWeightsId())) {
          throw new IllegalArgumentException(loraDir + ": adapters were trained on "
              + loaded.manifest().baseModelId() + ", not on " + enc.baseWeightsId());
        }
        enc.attachLora(loaded.manifest().config(), loaded.weights());
      } catch (IOException | RuntimeException e) {
        enc.close();
        throw e;
      }
      enc.mergeLora();
    }
    return enc;
  }
}
