package io.llmemb.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.pca.PcaArtifact;
import io.llmemb.pca.PcaFitter;
import io.llmemb.pca.PcaModel;
import io.llmemb.pca.PcaTables;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.training.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the committed format-1 artifacts (test resources {@code artifacts-v1/}, written by the
 * build before the shared manifest checks) with this build, refuses newer formats and tampered
 * files naming the file and both values, and checks that an artifact written without provenance is
 * still byte-for-byte format 1.
 */
class ArtifactCompatibilityTest {

  static final Path FIXTURES = Path.of("src/test/resources/artifacts-v1");
  private static final int ITEMS = 5;
  private static final int DIM = 4;

  @TempDir Path tmp;

  /** The matrix the fixtures were written from. */
  static float[] matrix() {
    float[] m = new float[ITEMS * DIM];
    for (int i = 0; i < ITEMS; i++) {
      for (int j = 0; j < DIM; j++) {
        m[i * DIM + j] = (float) Math.sin((i + 1) * (j + 2) * 0.3);
      }
    }
    return m;
  }

  @Test
  void theFormatOneEmbeddingTableLoads() throws IOException {
    EmbeddingArtifact a = EmbeddingArtifact.load(FIXTURES.resolve("embeddings"));
    assertEquals(1, a.manifest().formatVersion());
    assertEquals("fixture-encoder@1/max64", a.manifest().modelId());
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), a.rawItemIds());
    assertArrayEquals(matrix(), a.matrix(), 0f);
    assertNull(a.manifest().provenance());
  }

  @Test
  void aPcaWithoutAFormatVersionLoadsAsFormatOne() throws IOException {
    PcaArtifact.Manifest m = PcaArtifact.manifest(FIXTURES.resolve("pca"));
    assertEquals(1, m.formatVersion());
    assertNull(m.provenance());
    PcaModel loaded = PcaArtifact.load(FIXTURES.resolve("pca"));
    PcaModel fitted = PcaFitter.fit(matrix(), ITEMS, DIM, 2);
    for (int k = 0; k < 2; k++) {
      assertArrayEquals(fitted.components()[k], loaded.components()[k], 1e-12);
    }
    assertArrayEquals(fitted.explainedVariance(), loaded.explainedVariance(), 1e-12);
  }

  @Test
  void theFormatOneModelManifestReads() throws IOException {
    ModelManifest m = ModelManifest.read(FIXTURES.resolve("model"));
    assertEquals(1, m.version());
    assertEquals("sasrec", m.backbone());
    assertEquals(8, m.config().hidden());
    assertEquals(42L, m.seed());
    assertNull(m.provenance());
  }

  @Test
  void theFormatOnePreparedDatasetLoads() {
    PreparedDataset ds = PreparedDatasetStore.load(FIXTURES.resolve("prepared"));
    assertEquals(3, ds.split().numUsers());
    assertEquals(ITEMS, ds.split().numItems());
    assertEquals("Movie 3", ds.catalog().attributes().get(3).get("title"));
    assertNull(PreparedDatasetStore.manifest(FIXTURES.resolve("prepared")).provenance());
  }

  @Test
  void writtenWithoutProvenanceEachArtifactIsStillFormatOneByteForByte() throws IOException {
    EmbeddingArtifact a = EmbeddingArtifact.load(FIXTURES.resolve("embeddings"));
    EmbeddingArtifact.save(tmp.resolve("embeddings"), a.manifest(), a.rawItemIds(), a.matrix());
    assertSameFiles(FIXTURES.resolve("embeddings"), tmp.resolve("embeddings"));
    ModelManifest.read(FIXTURES.resolve("model")).write(tmp.resolve("model"));
    assertSameFiles(FIXTURES.resolve("model"), tmp.resolve("model"));
    PreparedDatasetStore.save(
        PreparedDatasetStore.load(FIXTURES.resolve("prepared")),
        PreparedDatasetStore.manifest(FIXTURES.resolve("prepared")),
        tmp.resolve("prepared"));
    assertSameFiles(FIXTURES.resolve("prepared"), tmp.resolve("prepared"));
  }

  @Test
  void aNewerFormatIsRefusedNamingTheFileAndBothVersions() throws IOException {
    Path emb = copy("embeddings");
    rewrite(
        emb.resolve(EmbeddingArtifact.MANIFEST_FILE),
        "\"formatVersion\" : 1",
        "\"formatVersion\" : 2");
    CorruptArtifactException e =
        assertThrows(CorruptArtifactException.class, () -> EmbeddingArtifact.load(emb));
    assertEquals(
        emb.resolve(EmbeddingArtifact.MANIFEST_FILE)
            + ": embedding artifact format 2, this build reads up "
            + "to 1 (expected 1..1, found 2)",
        e.getMessage());

    Path pca = copy("pca");
    rewrite(pca.resolve(PcaArtifact.MANIFEST_FILE), "{", "{\n  \"formatVersion\" : 3,");
    e = assertThrows(CorruptArtifactException.class, () -> PcaArtifact.load(pca));
    assertTrue(
        e.getMessage().contains("PCA artifact format 3, this build reads up to 1"), e.getMessage());

    Path model = copy("model");
    rewrite(model.resolve(ModelManifest.FILE), "\"version\" : 1", "\"version\" : 2");
    e = assertThrows(CorruptArtifactException.class, () -> ModelManifest.read(model));
    assertTrue(
        e.getMessage().contains("model.json: model manifest format 2, this build reads up to 1"),
        e.getMessage());

    Path prepared = copy("prepared");
    rewrite(
        prepared.resolve(PreparedDatasetStore.MANIFEST),
        DatasetManifest.LAYOUT,
        "llmemb-prepared-v2");
    DataFormatException d =
        assertThrows(DataFormatException.class, () -> PreparedDatasetStore.load(prepared));
    assertTrue(
        d.getMessage().contains("prepared dataset format 2, this build reads up to 1"),
        d.getMessage());
  }

  @Test
  void aTamperedFileIsRefusedNamingTheFileAndBothChecksums() throws IOException {
    Path emb = copy("embeddings");
    Path matrix = emb.resolve(EmbeddingArtifact.MATRIX_FILE);
    byte[] data = Files.readAllBytes(matrix);
    data[data.length - 1] ^= 1;
    Files.write(matrix, data);
    CorruptArtifactException e =
        assertThrows(CorruptArtifactException.class, () -> EmbeddingArtifact.load(emb));
    String recorded =
        EmbeddingArtifact.load(FIXTURES.resolve("embeddings")).manifest().matrixSha256();
    assertTrue(e.getMessage().startsWith(matrix + ": "), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("(expected " + recorded + ", found " + Sha256.of(data) + ")"),
        e.getMessage());

    Path prepared = copy("prepared");
    Files.writeString(prepared.resolve(PreparedDatasetStore.SEQUENCES), "u1\t1 2 3\n");
    DataFormatException d =
        assertThrows(DataFormatException.class, () -> PreparedDatasetStore.load(prepared));
    assertTrue(
        d.getMessage().startsWith(prepared.resolve(PreparedDatasetStore.SEQUENCES).toString()),
        d.getMessage());
  }

  @Test
  void provenanceIsRecordedAndCarriedFromTheEmbeddingsToTheirPca() throws IOException {
    EmbeddingArtifact a = EmbeddingArtifact.load(FIXTURES.resolve("embeddings"));
    Provenance p =
        Provenance.of(
            "fixture", "0".repeat(64), Map.of("maxTokens", "64"), "fixture-encoder@1", "prompt-v1");
    EmbeddingArtifact.Manifest m = a.manifest();
    EmbeddingArtifact.save(
        tmp.resolve("embeddings"),
        new EmbeddingArtifact.Manifest(
            m.formatVersion(),
            m.modelId(),
            m.promptVersion(),
            m.numItems(),
            m.dimension(),
            m.maxTokens(),
            m.dtype(),
            "",
            "",
            m.truncatedPrompts(),
            m.instructionOnlyPrompts(),
            m.duplicateRawIds(),
            m.emptyValueItems(),
            m.nonLatinItems(),
            m.itemSource(),
            p),
        a.rawItemIds(),
        a.matrix());
    assertEquals(p, EmbeddingArtifact.load(tmp.resolve("embeddings")).manifest().provenance());

    PcaTables.fitAndSave(tmp.resolve("embeddings"), 2, tmp.resolve("pca"));
    Provenance pca = PcaArtifact.manifest(tmp.resolve("pca")).provenance();
    assertEquals("fixture", pca.datasetName());
    assertEquals("fixture-encoder@1", pca.encoderId());
    assertEquals(Map.of("maxTokens", "64", "pca.components", "2"), pca.config());
    assertEquals(
        pca,
        EmbeddingArtifact.load(tmp.resolve("pca").resolve(PcaTables.TABLE_DIR))
            .manifest()
            .provenance());
  }

  private Path copy(String fixture) throws IOException {
    Path copy = tmp.resolve(fixture);
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture))) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  private static void rewrite(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " lacks " + from);
    Files.writeString(file, text.replaceFirst(Pattern.quote(from), to));
  }

  private static void assertSameFiles(Path expected, Path actual) throws IOException {
    try (Stream<Path> files = Files.list(expected)) {
      for (Path f : files.toList()) {
        assertArrayEquals(
            Files.readAllBytes(f),
            Files.readAllBytes(actual.resolve(f.getFileName())),
            f.getFileName() + " changed");
      }
    }
  }
}
