package io.llmemb.text;

import io.llmemb.files.CorruptArtifactException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.files.Npy;
import io.llmemb.files.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A versioned item-embedding artifact: a directory with {@code embeddings.npy} (float32 [N, D], row r = mapped
 * item id r + 1), {@code items.txt} (raw item id per row) and {@code manifest.json} (model id, prompt version,
 * counts, sha256 of both data files). {@link #load(Path)} refuses an artifact whose files fail their checksums.
 *
 * @param manifest the manifest
 * @param rawItemIds raw id per row
 * @param matrix row-major [numItems, dimension]
 */
public record EmbeddingArtifact(Manifest manifest, List<String> rawItemIds, float[] matrix) {

  /** Current layout version. */
  public static final int FORMAT_VERSION = 1;
  public static final String MATRIX_FILE = "embeddings.npy";
  public static final String ITEMS_FILE = "items.txt";
  public static final String MANIFEST_FILE = "manifest.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EmbeddingArtifact {
    Objects.requireNonNull(manifest, "manifest");
    rawItemIds = List.copyOf(rawItemIds);
    if (matrix.length != (long) manifest.numItems() * manifest.dimension()) {
      throw new IllegalArgumentException("matrix has " + matrix.length + " values, manifest says "
          + manifest.numItems() + " x " + manifest.dimension());
    }
  }

  /**
   * The manifest of an embedding artifact.
   *
   * @param formatVersion layout version
   * @param modelId the text encoder's {@code modelId()}
   * @param promptVersion prompt template version
   * @param numItems N (rows = mapped ids 1..N)
   * @param dimension D
   * @param maxTokens token limit used
   * @param dtype always "float32" on disk
   * @param matrixSha256 sha256 of {@link #MATRIX_FILE}
   * @param itemsSha256 sha256 of {@link #ITEMS_FILE}
   * @param truncatedPrompts prompts cut at maxTokens
   * @param instructionOnlyPrompts items embedded from the instruction alone (no attributes)
   * @param duplicateRawIds rows whose raw id already appeared on an earlier row (all rows kept)
   * @param emptyValueItems items with a missing attribute value (null, blank, empty list), embedded as rendered
   * @param nonLatinItems items whose prompt has letters outside the Latin script, embedded as they are
   * @param itemSource what the rows line up with, e.g. {@code prepared:<name> items.jsonl sha256=<hex>} (row r is
   *     that dataset's internal item id r + 1); empty when unknown
   */
  public record Manifest(int formatVersion, String modelId, String promptVersion, int numItems, int dimension,
      int maxTokens, String dtype, String matrixSha256, String itemsSha256, long truncatedPrompts,
      int instructionOnlyPrompts, int duplicateRawIds, int emptyValueItems, int nonLatinItems, String itemSource) {
    public Manifest {
      itemSource = Objects.requireNonNullElse(itemSource, "");
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(promptVersion, "promptVersion");
      Objects.requireNonNull(matrixSha256, "matrixSha256");
      Objects.requireNonNull(itemsSha256, "itemsSha256");
      if (numItems <= 0 || dimension <= 0) {
        throw new IllegalArgumentException("numItems and dimension must be > 0: " + numItems + ", "
            + dimension);
      }
    }
  }

  /** Row of mapped item id {@code itemId} (1-based). */
  public float[] row(int itemId) {
    if (itemId < 1 || itemId > manifest.numItems()) {
      throw new IndexOutOfBoundsException("item id " + itemId + " outside 1.." + manifest.numItems());
    }
    int d = manifest.dimension();
    float[] out = new float[d];
    System.arraycopy(matrix, (itemId - 1) * d, out, 0, d);
    return out;
  }

  /**
   * Writes an in-memory matrix as an artifact (e.g. a PCA projection); the checksums of {@code template} are
   * replaced by those of the written files.
   */
  public static Manifest save(Path dir, Manifest template, List<String> rawItemIds, float[] matrix)
      throws IOException {
    new EmbeddingArtifact(template, rawItemIds, matrix);
    Files.createDirectories(dir);
    Path matrixFile = dir.resolve(MATRIX_FILE);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(matrixFile))) {
      Npy.writeHeader(out, Npy.FLOAT32, template.numItems(), template.dimension());
      Npy.writeFloats(out, matrix);
    }
    Path items = dir.resolve(ITEMS_FILE);
    Files.writeString(items, String.join("\n", rawItemIds) + "\n", StandardCharsets.UTF_8);
    Manifest m = new Manifest(FORMAT_VERSION, template.modelId(), template.promptVersion(),
        template.numItems(), template.dimension(), template.maxTokens(), template.dtype(),
        Sha256.of(matrixFile), Sha256.of(items), template.truncatedPrompts(),
        template.instructionOnlyPrompts(), template.duplicateRawIds(), template.emptyValueItems(),
        template.nonLatinItems(), template.itemSource());
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), m);
    return m;
  }

  /** Writes {@code manifest} as the artifact's {@value #MANIFEST_FILE} (for writers that stream the matrix). */
  public static void writeManifest(Path dir, Manifest manifest) throws IOException {
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), manifest);
  }

  /** Reads an artifact, verifying checksums and shape; throws {@link CorruptArtifactException} otherwise. */
  public static EmbeddingArtifact load(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST_FILE);
    if (!Files.exists(manifestFile)) {
      throw new NoSuchFileException(manifestFile.toString(), null, "embedding artifact manifest missing");
    }
    Manifest m = JSON.readValue(manifestFile.toFile(), Manifest.class);
    if (m.formatVersion() != FORMAT_VERSION) {
      throw new CorruptArtifactException(manifestFile + ": format version " + m.formatVersion()
          + " is not supported (expected " + FORMAT_VERSION + ")");
    }
    verify(dir.resolve(MATRIX_FILE), m.matrixSha256());
    verify(dir.resolve(ITEMS_FILE), m.itemsSha256());
    List<String> ids = Files.readAllLines(dir.resolve(ITEMS_FILE), StandardCharsets.UTF_8);
    if (ids.size() != m.numItems()) {
      throw new CorruptArtifactException(dir.resolve(ITEMS_FILE) + ": " + ids.size() + " ids, manifest says "
          + m.numItems());
    }
    Path matrixFile = dir.resolve(MATRIX_FILE);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(matrixFile))) {
      Npy.readMatrixHeader(in, Npy.FLOAT32, m.numItems(), m.dimension());
      float[] data = Npy.readFloats(in, m.numItems() * m.dimension());
      if (data == null) {
        throw new CorruptArtifactException(matrixFile + ": truncated matrix data");
      }
      return new EmbeddingArtifact(m, ids, data);
    } catch (Npy.FormatException e) {
      throw new CorruptArtifactException(matrixFile + ": " + e.getMessage());
    }
  }

  private static void verify(Path file, String expected) throws IOException {
    String actual = Sha256.of(file);
    if (!actual.equals(expected)) {
      throw new CorruptArtifactException(file + ": sha256 " + actual + " does not match manifest " + expected
          + "; the artifact is corrupt or was modified");
    }
  }
}
