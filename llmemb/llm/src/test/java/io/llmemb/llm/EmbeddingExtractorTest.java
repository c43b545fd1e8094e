package io.llmemb.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.ItemCatalog;
import io.llmemb.files.CorruptArtifactException;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.text.ItemPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch full of bad input: every item gets a row, every kind of bad input is counted in the
 * manifest.
 */
class EmbeddingExtractorTest {

  private static Map<String, Object> movie(String title, String year, List<String> genres) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("year", year);
    m.put("genres", genres);
    return m;
  }

  @Test
  void writesVerifiableArtifactAndCountsBadInput(@TempDir Path dir) throws Exception {
    List<Map<String, Object>> attrs =
        Arrays.asList(
            null,
            movie("Heat", "1995", List.of("Action", "Crime", "Thriller")),
            new LinkedHashMap<>(),
            movie("very long title ".repeat(40), "1990", List.of("Drama")),
            movie("千と千尋の神隠し", "2001", List.of("Animation")),
            movie("Heat", "1995", List.of("Action", "Crime", "Thriller")),
            movie("", null, List.of()),
            null);
    List<String> raw = Arrays.asList(null, "6", "7", "8", "9", "6", "bad\nid", null);
    ItemPrompts prompts = ItemPrompts.build(new ItemCatalog("movielens", raw, attrs));
    try (BertTextEncoder encoder =
        BertTextEncoder.open(BertEncoderOptions.defaults("minilm").withMaxTokens(32))) {
      EmbeddingExtractor.Report r =
          new EmbeddingExtractor(encoder, 2).extract(prompts, raw, "test:7 items", dir);
      EmbeddingArtifact a = EmbeddingArtifact.load(dir);
      assertEquals(7, a.manifest().numItems(), "no item is dropped");
      assertEquals(384, a.manifest().dimension());
      assertEquals(1, a.manifest().truncatedPrompts(), "the long title is cut at 32 tokens");
      assertEquals(1, a.manifest().duplicateRawIds(), "'6' twice (all rows kept)");
      assertEquals(
          2,
          a.manifest().instructionOnlyPrompts(),
          "the empty map and the missing (null) metadata");
      assertEquals(
          1, a.manifest().emptyValueItems(), "blank title, null year, empty genres on one item");
      assertEquals(1, a.manifest().nonLatinItems());
      assertEquals("test:7 items", a.manifest().itemSource());
      assertEquals(encoder.modelId(), a.manifest().modelId());
      assertEquals(
          List.of("6", "7", "8", "9", "6", "bad id", ""), a.rawItemIds(), "one line per row");
      assertTrue(r.tokens() > 0 && r.itemsPerSecond() > 0);
      assertArrayEquals(a.row(1), a.row(5), 1e-5f, "same prompt, same row, whatever the batch");
      for (int id = 1; id <= 7; id++) {
        float[] row = a.row(id);
        assertTrue(
            Float.isFinite(row[0]) && Float.isFinite(row[row.length - 1]),
            "row " + id + " is finite");
      }
      try (NDManager m = NDManager.newBaseManager()) {
        float[] direct = encoder.encode(m, List.of(prompts.prompts().get(4)), false).toFloatArray();
        assertArrayEquals(direct, a.row(4), 1e-4f, "row 4 is item 4's embedding");
      }
    }
    Path matrix = dir.resolve(EmbeddingArtifact.MATRIX_FILE);
    byte[] bytes = Files.readAllBytes(matrix);
    bytes[bytes.length - 3] ^= 0x40;
    Files.write(matrix, bytes);
    CorruptArtifactException e =
        assertThrows(CorruptArtifactException.class, () -> EmbeddingArtifact.load(dir));
    assertTrue(e.getMessage().contains(EmbeddingArtifact.MATRIX_FILE), e.getMessage());
  }
}
