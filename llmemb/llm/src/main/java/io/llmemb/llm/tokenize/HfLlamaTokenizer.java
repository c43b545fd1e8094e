package io.llmemb.llm.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A LLaMA tokenizer from a Hugging Face {@code tokenizer.json}, run by DJL's offline Rust
 * tokenizers. Special tokens are added here, never by the file's post-processor, so both
 * implementations of {@link LlamaTokenizer} follow the same policy. The special ids are read from
 * the file's {@code added_tokens} by their LLaMA spellings {@code <s>}, {@code </s>}, {@code
 * <unk>}.
 */
public final class HfLlamaTokenizer implements LlamaTokenizer {
  private static final String BOS = "<s>";
  private static final String EOS = "</s>";
  private static final String UNK = "<unk>";
  // Truncation belongs to PromptEncoder; the Rust side must return every id.
  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final int vocabSize;
  private final int bosId;
  private final int eosId;
  private final int unkId;

  private HfLlamaTokenizer(
      HuggingFaceTokenizer tokenizer, int vocabSize, Map<String, Integer> specials) {
    this.tokenizer = tokenizer;
    this.vocabSize = vocabSize;
    this.bosId = specials.get(BOS);
    this.eosId = specials.get(EOS);
    this.unkId = specials.get(UNK);
  }

  /** Loads {@code tokenizer.json}; fails naming the file when a LLaMA special token is missing. */
  public static HfLlamaTokenizer load(Path tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      throw new TokenizerFormatException(tokenizerJson + ": cannot parse tokenizer.json", e);
    }
    Map<String, Integer> specials = new HashMap<>();
    for (JsonNode added : root.path("added_tokens")) {
      specials.put(added.path("content").asText(), added.path("id").asInt());
    }
    JsonNode vocab = root.path("model").path("vocab");
    for (String name : new String[] {BOS, EOS, UNK}) {
      if (!specials.containsKey(name) && vocab.has(name)) {
        specials.put(name, vocab.get(name).asInt());
      }
      if (!specials.containsKey(name)) {
        throw new TokenizerFormatException(
            tokenizerJson + ": no token '" + name + "' in added_tokens or model.vocab");
      }
    }
    int size =
        Math.max(vocab.size(), specials.values().stream().mapToInt(i -> i + 1).max().orElse(0));
    try {
      return new HfLlamaTokenizer(
          HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), size, specials);
    } catch (IOException e) {
      throw new TokenizerFormatException(
          tokenizerJson + ": DJL HuggingFaceTokenizer failed to load", e);
    }
  }

  @Override
  public int[] encode(String text, boolean addBos) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int offset = addBos ? 1 : 0;
    int[] out = new int[ids.length + offset];
    if (addBos) {
      out[0] = bosId;
    }
    for (int i = 0; i < ids.length; i++) {
      out[i + offset] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  @Override
  public String decode(int[] ids) {
    return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int bosId() {
    return bosId;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  @Override
  public int unkId() {
    return unkId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
