package io.llmemb.experiment;

import ai.djl.ndarray.types.DataType;
import io.llmemb.data.ItemCatalog;
import io.llmemb.llm.EmbeddingExtractor;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.bert.EncoderSpec;
import io.llmemb.llm.encoders.EncoderLoader;
import io.llmemb.llm.lora.LoraCheckpoint;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.pca.PcaTables;
import io.llmemb.scft.AttributeDropout;
import io.llmemb.scft.ScftConfig;
import io.llmemb.scft.ScftTrainer;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.text.ItemPrompts;
import io.llmemb.training.ContrastiveLoss;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The text side of the pipeline (docs/llmemb-method.md §3): SCFT of the encoder's LoRA adapters on
 * the item prompts, item embedding with or without those adapters, and PCA of the embeddings. Each
 * method is the body of one cached stage and uses the library's own classes, as the {@code scft},
 * {@code embed} and {@code pca} commands do.
 */
final class TextStages {

  /** The LoRA shape of the {@code scft} command's defaults. */
  static final LoraConfig LORA = new LoraConfig(8, 32f, 0.1f, Set.copyOf(LoraConfig.BERT_ALL));

  /**
   * SCFT learning rate. The paper's 2e-4 is for 4,000 steps; the tens of steps two CPU cores afford
   * need a larger one ({@code scft --steps 40 --batch 16 --lr 1e-3}: held-out retrieval 0.646 →
   * 0.763).
   */
  static final float SCFT_LR = 1e-3f;

  /** Report of the SCFT stage. */
  static final String SCFT_REPORT = "scft.json";

  private final EncoderSpec encoder;
  private final Profile profile;
  private final String device;
  private final int threads;
  private final boolean showProgress;

  TextStages(
      EncoderSpec encoder, Profile profile, String device, int threads, boolean showProgress) {
    this.encoder = encoder;
    this.profile = profile;
    this.device = device;
    this.threads = threads;
    this.showProgress = showProgress;
  }

  /** Settings of the SCFT stage, hashed into its key. */
  Map<String, Object> scftSettings(long seed) {
    Map<String, Object> s = new LinkedHashMap<>(encoderSettings());
    s.put("steps", profile.scftSteps());
    s.put("batch", profile.scftBatch());
    s.put("lr", SCFT_LR);
    s.put("lora", LORA);
    s.put("seed", seed);
    return s;
  }

  /** Settings shared by every stage that runs the encoder. */
  Map<String, Object> encoderSettings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("encoder", encoder.key());
    s.put("maxTokens", profile.maxTokens());
    return s;
  }

  /** Settings of the PCA stage. */
  Map<String, Object> pcaSettings() {
    return Map.of("components", profile.pcaComponents());
  }

  /**
   * SCFT on every item's prompt; writes the LoRA checkpoint and {@value #SCFT_REPORT} into {@code
   * dir}.
   */
  void scft(ItemCatalog items, long seed, Path dir) throws IOException {
    List<String> prompts =
        new ArrayList<>(ItemPrompts.build(items).prompts().subList(1, items.numItems() + 1));
    Collections.shuffle(prompts, new Random(seed));
    ScftConfig config =
        new ScftConfig(
            profile.scftSteps(),
            profile.scftBatch(),
            1,
            SCFT_LR,
            1.0f,
            ContrastiveLoss.PAPER,
            AttributeDropout.PAPER_RATIO,
            false,
            seed);
    try (BertTextEncoder enc = BertTextEncoder.open(options())) {
      enc.attachLora(LORA, seed);
      ScftTrainer.Result r =
          new ScftTrainer(config, showProgress)
              .train(
                  enc,
                  prompts,
                  profile.scftSteps(),
                  step -> {
                    try {
                      LoraCheckpoint.save(dir, enc.baseWeightsId(), LORA, enc.loraModules(), step);
                    } catch (IOException e) {
                      throw new UncheckedIOException("cannot write LoRA checkpoint to " + dir, e);
                    }
                  });
      StageCache.JSON.writeValue(
          dir.resolve(SCFT_REPORT).toFile(), Map.of("config", config, "result", r));
    }
  }

  /** Embeds every item's prompt, with the LoRA adapters of {@code lora} merged when present. */
  void embed(ItemCatalog items, Path lora, Path dir) throws IOException {
    ItemPrompts prompts = ItemPrompts.build(items);
    try (BertTextEncoder enc = EncoderLoader.open(options(), lora)) {
      new EmbeddingExtractor(enc, profile.embedBatch(), showProgress)
          .extract(prompts, items.rawItemIds(), "experiment:prepare-stage", dir);
    }
  }

  /**
   * Fits PCA on the embedding artifact in {@code embeddings}; writes the model and the projected
   * table.
   */
  void pca(Path embeddings, Path dir) throws IOException {
    EmbeddingArtifact.Manifest m = EmbeddingArtifact.load(embeddings).manifest();
    // d_p <= min(N - 1, D): a tiny catalogue (tests) caps the profile's value.
    int k = Math.min(profile.pcaComponents(), Math.min(m.numItems() - 1, m.dimension()));
    PcaTables.fitAndSave(embeddings, k, dir);
  }

  private BertEncoderOptions options() {
    return new BertEncoderOptions(
        encoder, profile.maxTokens(), device, DataType.FLOAT32, false, threads);
  }
}
