package io.llmemb.llm.bert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pretrained BERT-family encoders shipped in Maven jars (docs/llmemb-method.md §8), selected by
 * a config string. Only the .onnx weights and tokenizer.json resources of the langchain4j jars are
 * used; their Java code is not.
 */
public enum EncoderSpec {
  /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384-d, 12 heads. */
  MINILM("minilm", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", 12),
  /**
   * BAAI/bge-small-en-v1.5: 12 layers, 384-d, 12 heads (we mean-pool it too, not CLS as its authors
   * do).
   */
  BGE_SMALL("bge-small", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", 12);

  /** BERT's LayerNorm epsilon, the same for both models. */
  public static final float BERT_LAYER_NORM_EPS = 1e-12f;

  private final String key;
  private final String onnxResource;
  private final String tokenizerResource;
  private final int heads;

  EncoderSpec(String key, String onnxResource, String tokenizerResource, int heads) {
    this.key = key;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
    this.heads = heads;
  }

  /** The short name every command also accepts for {@link #BGE_SMALL}. */
  public static final String BGE_ALIAS = "bge";

  /**
   * Looks up a spec by its config key ({@code minilm}, {@code bge-small}, or {@value #BGE_ALIAS});
   * the error lists every accepted name, {@code llama} included (a decoder, opened by {@code
   * LlamaModels}, not by a spec).
   */
  public static EncoderSpec byKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    String resolved = BGE_ALIAS.equals(k) ? BGE_SMALL.key : k;
    return Arrays.stream(values())
        .filter(s -> s.key.equals(resolved))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown encoder '"
                        + key
                        + "'; known: "
                        + Arrays.stream(values())
                            .map(EncoderSpec::key)
                            .collect(Collectors.joining(", "))
                        + " (alias "
                        + BGE_ALIAS
                        + "), llama"));
  }

  public String key() {
    return key;
  }

  public String onnxResource() {
    return onnxResource;
  }

  public String tokenizerResource() {
    return tokenizerResource;
  }

  public int heads() {
    return heads;
  }
}
