package io.llmemb.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExtractorTest {

  private static final String INSTRUCTION = "The movie has the following attributes: \n ";

  @Test
  void writesVerifiableArtifactAndCountsBadInput(@TempDir Path dir) throws Exception {
    List<String> prompts = Arrays.asList(null,
        INSTRUCTION + "title is Heat; year is 1995; genres is Action, Crime, Thriller",
        INSTRUCTION,
        INSTRUCTION + "title is " + "very long title ".repeat(40),
        INSTRUCTION + "title is 千と千尋の神隠し; year is 2001",
        INSTRUCTION + "title is Heat; year is 1995; genres is Action, Crime, Thriller");
    List<String> raw = Arrays.asList(null, "6", "7", "8", "9", "6");
    try (BertTextEncoder encoder = BertTextEncoder.open(BertEncoderOptions.defaults("minilm")
        .withMaxTokens(32))) {
      EmbeddingExtractor.Report r = new EmbeddingExtractor(encoder, 2).extract(prompts, raw, "movielens-x", 1,
          dir);
      EmbeddingArtifact a = EmbeddingArtifact.load(dir);
      assertEquals(5, a.manifest().numItems());
      assertEquals(384, a.manifest().dimension());
      assertEquals(1, a.manifest().truncatedPrompts(), "the long title is cut at 32 tokens");
      assertEquals(1, a.manifest().duplicateRawIds());
      assertEquals(1, a.manifest().instructionOnlyPrompts());
      assertEquals(encoder.modelId(), a.manifest().modelId());
      assertEquals(List.of("6", "7", "8", "9", "6"), a.rawItemIds());
      assertTrue(r.tokens() > 0 && r.itemsPerSecond() > 0);
      assertArrayEquals(a.row(1), a.row(5), 1e-5f, "same prompt, same row, whatever the batch");
      try (NDManager m = NDManager.newBaseManager()) {
        float[] direct = encoder.encode(m, List.of(prompts.get(4)), false).toFloatArray();
        assertArrayEquals(direct, a.row(4), 1e-4f, "row 4 is item 4's embedding");
      }
    }
    Path matrix = dir.resolve(EmbeddingArtifact.MATRIX_FILE);
    byte[] bytes = Files.readAllBytes(matrix);
    bytes[bytes.length - 3] ^= 0x40;
    Files.write(matrix, bytes);
    CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> EmbeddingArtifact.load(dir));
    assertTrue(e.getMessage().contains(EmbeddingArtifact.MATRIX_FILE), e.getMessage());
  }
}
