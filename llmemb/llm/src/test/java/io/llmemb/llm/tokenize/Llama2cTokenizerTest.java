package io.llmemb.llm.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llama2.c tokenizer behaviour beyond the reference prompts: byte fallback, round trips, policy,
 * bad files.
 */
class Llama2cTokenizerTest {
  private static final Path TOK512 = resource();
  private final Llama2cTokenizer tokenizer = Llama2cTokenizer.load(TOK512);

  private static Path resource() {
    try {
      return Path.of(
          Llama2cTokenizerTest.class.getResource("/llama2c-stories260k/tok512.bin").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void emptyTextHasNoDummyPrefix() {
    assertArrayEquals(new int[] {Llama2cTokenizer.BOS_ID}, tokenizer.encode("", true));
    assertEquals(0, tokenizer.encode("", false).length);
    assertEquals(512, tokenizer.vocabSize());
  }

  @Test
  void unknownCharactersFallBackToBytes() {
    // "Ж" (D0 96) is not in tok512, "€" is (one token)
    int[] ids = tokenizer.encode("Ж€", false);
    assertEquals(4, ids.length, Arrays.toString(ids));
    assertArrayEquals(new int[] {0xD0 + 3, 0x96 + 3}, Arrays.copyOfRange(ids, 1, 3));
    assertEquals("€", tokenizer.decode(new int[] {ids[3]}));
  }

  @Test
  void decodeInvertsEncode() {
    for (String text :
        List.of(
            "Once upon a time", "naïve café costs 3€ Жук!", "Title: Toy Story (1995).", "a\nb")) {
      assertEquals(text, tokenizer.decode(tokenizer.encode(text, true)), text);
    }
  }

  @Test
  void mergesPreferHighestScore() {
    int[] ids = tokenizer.encode("time", false);
    // " time" is a single token in tok512, so all merges collapse the 5 pieces into one
    assertEquals(1, ids.length, Arrays.toString(ids));
    assertEquals(" time", tokenizer.decode(new int[] {ids[0]}));
  }

  @Test
  void promptPolicyTruncatesAndAppendsEos() {
    PromptEncoder prompts = new PromptEncoder(tokenizer, 4);
    int[] ids = prompts.encode("Title: Toy Story (1995). Genres: Adventure.");
    assertEquals(4, ids.length);
    assertEquals(Llama2cTokenizer.EOS_ID, ids[3]);
    assertArrayEquals(
        Arrays.copyOf(tokenizer.encode("Title: Toy Story (1995). Genres: Adventure.", false), 3),
        Arrays.copyOf(ids, 3));
    assertEquals(1, prompts.truncatedCount());

    TokenBatch batch = prompts.encodeBatch(List.of("A", "Title: Toy Story"));
    assertArrayEquals(new int[] {prompts.encode("A").length, 4}, batch.lengths());
    assertEquals(
        Llama2cTokenizer.UNK_ID, batch.ids()[batch.lengths()[0]], "right padding with unk");
  }

  @Test
  void truncatedFileIsReported(@TempDir Path tmp) throws Exception {
    byte[] bytes = Files.readAllBytes(TOK512);
    Path broken = tmp.resolve("tok-broken.bin");
    Files.write(broken, Arrays.copyOf(bytes, bytes.length - 3));
    TokenizerFormatException e =
        assertThrows(TokenizerFormatException.class, () -> Llama2cTokenizer.load(broken));
    assertTrue(
        e.getMessage().contains("tok-broken.bin") && e.getMessage().contains("token 511"),
        e.getMessage());
  }
}
