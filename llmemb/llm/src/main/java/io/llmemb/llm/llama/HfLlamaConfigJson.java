package io.llmemb.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes the {@code config.json} of a Hugging Face {@code LlamaForCausalLM}. Defaults
 * follow transformers' {@code LlamaConfig}; options this decoder does not implement (rope_scaling,
 * biases, a head size other than hidden/heads) are rejected rather than silently ignored.
 */
public final class HfLlamaConfigJson {
  private static final double DEFAULT_EPS = 1e-6;
  private static final double DEFAULT_THETA = 10000.0;
  private static final int DEFAULT_MAX_POSITIONS = 2048;
  private static final ObjectMapper JSON = new ObjectMapper();

  private HfLlamaConfigJson() {}

  /** Parses {@code file}; the result uses {@link RopeLayout#ROTATE_HALF}. */
  public static LlamaConfig read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot parse config.json", e);
    }
    String type = root.path("model_type").asText("llama");
    if (!type.equals("llama")) {
      throw new CheckpointFormatException(file + ": model_type '" + type + "' is not 'llama'");
    }
    rejectIfSet(file, root, "rope_scaling");
    rejectIfTrue(file, root, "attention_bias");
    rejectIfTrue(file, root, "mlp_bias");
    int hidden = required(file, root, "hidden_size");
    int heads = required(file, root, "num_attention_heads");
    if (root.hasNonNull("head_dim") && root.get("head_dim").asInt() * heads != hidden) {
      throw new CheckpointFormatException(
          file + ": head_dim " + root.get("head_dim") + " != hidden_size / heads");
    }
    try {
      return new LlamaConfig(
          hidden,
          required(file, root, "intermediate_size"),
          required(file, root, "num_hidden_layers"),
          heads,
          root.path("num_key_value_heads").asInt(heads),
          required(file, root, "vocab_size"),
          root.path("max_position_embeddings").asInt(DEFAULT_MAX_POSITIONS),
          (float) root.path("rms_norm_eps").asDouble(DEFAULT_EPS),
          (float) root.path("rope_theta").asDouble(DEFAULT_THETA),
          root.path("tie_word_embeddings").asBoolean(false),
          RopeLayout.ROTATE_HALF);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code config} (which must be in the rotate-half layout) as {@code config.json}. */
  public static void write(LlamaConfig config, Path file) {
    if (config.ropeLayout() != RopeLayout.ROTATE_HALF) {
      throw new IllegalArgumentException(
          "HF checkpoints use the rotate-half layout; permute q/k first");
    }
    ObjectNode root = JSON.createObjectNode();
    root.putArray("architectures").add("LlamaForCausalLM");
    root.put("model_type", "llama");
    root.put("hidden_size", config.dim());
    root.put("intermediate_size", config.hiddenDim());
    root.put("num_hidden_layers", config.layers());
    root.put("num_attention_heads", config.heads());
    root.put("num_key_value_heads", config.kvHeads());
    root.put("vocab_size", config.vocabSize());
    root.put("max_position_embeddings", config.maxSeqLen());
    root.put("rms_norm_eps", config.normEps());
    root.put("rope_theta", config.ropeTheta());
    root.put("tie_word_embeddings", config.tiedEmbeddings());
    root.put("hidden_act", "silu");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot write config.json", e);
    }
  }

  private static int required(Path file, JsonNode root, String key) {
    JsonNode node = root.get(key);
    if (node == null || !node.canConvertToInt()) {
      throw new CheckpointFormatException(file + ": missing or non-integer key '" + key + "'");
    }
    return node.asInt();
  }

  private static void rejectIfSet(Path file, JsonNode root, String key) {
    if (root.hasNonNull(key)) {
      throw new CheckpointFormatException(
          file + ": '" + key + "' = " + root.get(key) + " is not supported");
    }
  }

  private static void rejectIfTrue(Path file, JsonNode root, String key) {
    if (root.path(key).asBoolean(false)) {
      throw new CheckpointFormatException(
          file + ": '" + key + "' = true is not supported (bias-free LLaMA only)");
    }
  }
}
