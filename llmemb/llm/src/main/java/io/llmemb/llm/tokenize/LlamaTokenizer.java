package io.llmemb.llm.tokenize;

/**
 * A LLaMA-family tokenizer: text to ids and back, plus the special ids the prompt policy needs. Two
 * implementations: {@link Llama2cTokenizer} (llama2.c {@code tokenizer.bin}) and {@link
 * HfLlamaTokenizer} (Hugging Face {@code tokenizer.json}).
 */
public interface LlamaTokenizer extends AutoCloseable {

  /**
   * Encodes text without EOS.
   *
   * @param addBos whether the BOS id is prepended (llama2.c's reference forward does; the LLMEmb
   *     prompt policy of docs/llmemb-method.md §2 does not)
   */
  int[] encode(String text, boolean addBos);

  /** Decodes ids to text; special tokens are dropped. */
  String decode(int[] ids);

  /** Number of ids, i.e. rows of the model's token embedding this tokenizer expects. */
  int vocabSize();

  /** Beginning-of-sequence id. */
  int bosId();

  /** End-of-sequence id. */
  int eosId();

  /** Unknown-token id; docs/llmemb-method.md §2 pads with it. */
  int unkId();

  @Override
  void close();
}
