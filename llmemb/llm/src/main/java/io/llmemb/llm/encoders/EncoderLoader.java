package io.llmemb.llm.encoders;

import ai.djl.ndarray.NDManager;
import io.llmemb.llm.LoraTextEncoder;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Attaches and merges saved SCFT LoRA adapters into an encoder. Shared by the CLI ({@code embed}),
 * the experiment pipeline and the embedding-worker service, so all of them embed with exactly the
 * same model.
 */
public final class EncoderLoader {

  private EncoderLoader() {}

  /**
   * Opens the BERT-family encoder of {@code options}; when {@code loraDir} is non-null its adapters
   * are attached and merged.
   *
   * @throws IllegalArgumentException if the adapters were trained on other base weights
   */
  public static BertTextEncoder open(BertEncoderOptions options, Path loraDir) throws IOException {
    return withLora(BertTextEncoder.open(options), loraDir);
  }

  /**
   * Attaches the adapters saved in {@code loraDir} (nothing when null) to {@code enc} and merges
   * them; closes {@code enc} when that fails, so the caller never holds a half-built encoder.
   *
   * @throws NoSuchFileException if {@code loraDir} holds no LoRA checkpoint
   * @throws IllegalArgumentException if the adapters were trained on other base weights
   */
  public static <E extends LoraTextEncoder> E withLora(E enc, Path loraDir) throws IOException {
    if (loraDir == null) {
      return enc;
    }
    try {
      if (!Files.isRegularFile(loraDir.resolve(LoraCheckpoint.MANIFEST))) {
        throw new NoSuchFileException(
            loraDir.resolve(LoraCheckpoint.MANIFEST).toString(),
            null,
            "not a LoRA checkpoint directory (written by 'scft')");
      }
      try (NDManager m = NDManager.newBaseManager()) {
        LoraCheckpoint.Loaded loaded = LoraCheckpoint.load(loraDir, m);
        if (!loaded.manifest().baseModelId().equals(enc.baseWeightsId())) {
          throw new IllegalArgumentException(
              loraDir
                  + ": adapters were trained on "
                  + loaded.manifest().baseModelId()
                  + ", not on "
                  + enc.baseWeightsId());
        }
        enc.attachLora(loaded.manifest().config(), loaded.weights());
      }
      enc.mergeLora();
      return enc;
    } catch (IOException | RuntimeException e) {
      enc.close();
      throw e;
    }
  }
}
