package io.llmemb.llm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's Rust tokenizer behind {@link HfLlamaTokenizer}, on a tiny tokenizer.json with the real
 * LLaMA-2 layout (Prepend/Replace "▁" normalizer, BPE with byte fallback, a BOS-adding
 * post-processor, the LLaMA decoder chain).
 */
class HfLlamaTokenizerTest {
  private static final String TOKENIZER_JSON =
      """
      {"version": "1.0", "truncation": null, "padding": null,
       "added_tokens": [
         {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
         {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
         {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
       "normalizer": {"type": "Sequence", "normalizers": [
         {"type": "Prepend", "prepend": "▁"},
         {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
       "pre_tokenizer": null,
       "post_processor": {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                  {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
       "decoder": {"type": "Sequence", "decoders": [
         {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
         {"type": "ByteFallback"}, {"type": "Fuse"},
         {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
       "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
         "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true,
         "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "▁": 3, "a": 4, "b": 5, "c": 6, "▁a": 7, "ab": 8,
                   "▁ab": 9, "▁c": 10, "<0xC3>": 11, "<0xA9>": 12},
         "merges": ["▁ a", "a b", "▁a b", "▁ c"]}}
      """;

  @TempDir Path tmp;

  private Path write(String json) throws Exception {
    Path file = tmp.resolve("tokenizer.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void encodesWithoutPostProcessorSpecialsAndDecodes() throws Exception {
    try (HfLlamaTokenizer tokenizer = HfLlamaTokenizer.load(write(TOKENIZER_JSON))) {
      assertArrayEquals(new int[] {9, 10}, tokenizer.encode("ab c", false));
      assertArrayEquals(new int[] {1, 9, 10}, tokenizer.encode("ab c", true));
      assertArrayEquals(new int[] {9, 11, 12}, tokenizer.encode("abé", false), "byte fallback");
      assertEquals("ab c", tokenizer.decode(new int[] {1, 9, 10, 2}));
      assertEquals("abé", tokenizer.decode(new int[] {9, 11, 12}));
      assertEquals(1, tokenizer.bosId());
      assertEquals(2, tokenizer.eosId());
      assertEquals(0, tokenizer.unkId());
      assertEquals(13, tokenizer.vocabSize());

      int[] prompt = new PromptEncoder(tokenizer, 8).encode("ab c");
      assertArrayEquals(
          new int[] {9, 10, 2}, prompt, "docs/llmemb-method.md §2: no BOS, EOS appended");
    }
  }

  @Test
  void missingSpecialTokenIsNamed() throws Exception {
    Path file = write(TOKENIZER_JSON.replace("\"</s>\"", "\"<eos>\""));
    TokenizerFormatException e =
        assertThrows(TokenizerFormatException.class, () -> HfLlamaTokenizer.load(file));
    assertTrue(
        e.getMessage().contains("tokenizer.json") && e.getMessage().contains("</s>"),
        e.getMessage());
  }
}
