package io.llmemb.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.CorruptArtifactException;
import io.llmemb.files.Npy;
import io.llmemb.files.Provenance;
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
import java.util.Map;
import java.util.Objects;

/**
 * A versioned item-embedding artifact: a directory with {@code embeddings.npy} (float32 [N, D], row
 * r = mapped item id r + 1), {@code items.txt} (raw item id per row) and {@code manifest.json}
 * (model id, prompt version, counts, sha256 of both data files, optionally its provenance). {@link
 * #load(Path)} refuses an artifact of a newer format or whose files fail their checksums ({@link
 * ArtifactManifests}).
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
      throw new IllegalArgumentException(
          "matrix has "
              + matrix.length
              + " values, manifest says "
              + manifest.numItems()
              + " x "
              + manifest.dimension());
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
   * @param emptyValueItems items with a missing attribute value (null, blank, empty list), embedded
   *     as rendered
   * @param nonLatinItems items whose prompt has letters outside the Latin script, embedded as they
   *     are
   * @param itemSource what the rows line up with, e.g. {@code prepared:<name> items.jsonl
   *     sha256=<hex>} (row r is that dataset's internal item id r + 1); empty when unknown
   * @param provenance where the table came from, or null (not written then; absent from earlier
   *     files)
   */
  public record Manifest(
      int formatVersion,
      String modelId,
      String promptVersion,
      int numItems,
      int dimension,
      int maxTokens,
      String dtype,
      String matrixSha256,
      String itemsSha256,
      long truncatedPrompts,
      int instructionOnlyPrompts,
      int duplicateRawIds,
      int emptyValueItems,
      int nonLatinItems,
      String itemSource,
      @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {
    public Manifest {
      itemSource = Objects.requireNonNullElse(itemSource, "");
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(promptVersion, "promptVersion");
      Objects.requireNonNull(matrixSha256, "matrixSha256");
      Objects.requireNonNull(itemsSha256, "itemsSha256");
      if (numItems <= 0 || dimension <= 0) {
        throw new IllegalArgumentException(
            "numItems and dimension must be > 0: " + numItems + ", " + dimension);
      }
    }

    /** A manifest without provenance. */
    public Manifest(
        int formatVersion,
        String modelId,
        String promptVersion,
        int numItems,
        int dimension,
        int maxTokens,
        String dtype,
        String matrixSha256,
        String itemsSha256,
        long truncatedPrompts,
        int instructionOnlyPrompts,
        int duplicateRawIds,
        int emptyValueItems,
        int nonLatinItems,
        String itemSource) {
      this(
          formatVersion,
          modelId,
          promptVersion,
          numItems,
          dimension,
          maxTokens,
          dtype,
          matrixSha256,
          itemsSha256,
          truncatedPrompts,
          instructionOnlyPrompts,
          duplicateRawIds,
          emptyValueItems,
          nonLatinItems,
          itemSource,
          null);
    }

    /**
     * This manifest as this build writes it: the current format version and the written files'
     * checksums.
     */
    public Manifest written(Map<String, String> sha256ByFile) {
      return new Manifest(
          FORMAT_VERSION,
          modelId,
          promptVersion,
          numItems,
          dimension,
          maxTokens,
          dtype,
          sha256ByFile.get(MATRIX_FILE),
          sha256ByFile.get(ITEMS_FILE),
          truncatedPrompts,
          instructionOnlyPrompts,
          duplicateRawIds,
          emptyValueItems,
          nonLatinItems,
          itemSource,
          provenance);
    }

    /** The data files' checksums by file name. */
    @JsonIgnore
    public Map<String, String> checksums() {
      return Map.of(MATRIX_FILE, matrixSha256, ITEMS_FILE, itemsSha256);
    }
  }

  /** Row of mapped item id {@code itemId} (1-based). */
  public float[] row(int itemId) {
    if (itemId < 1 || itemId > manifest.numItems()) {
      throw new IndexOutOfBoundsException(
          "item id " + itemId + " outside 1.." + manifest.numItems());
    }
    int d = manifest.dimension();
    float[] out = new float[d];
    System.arraycopy(matrix, (itemId - 1) * d, out, 0, d);
    return out;
  }

  /**
   * Writes an in-memory matrix as an artifact (e.g. a PCA projection); the checksums of {@code
   * template} are replaced by those of the written files.
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
    Manifest m = template.written(ArtifactManifests.checksums(dir, MATRIX_FILE, ITEMS_FILE));
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), m);
    return m;
  }

  /**
   * Writes {@code manifest} as the artifact's {@value #MANIFEST_FILE} (for writers that stream the
   * matrix).
   */
  public static void writeManifest(Path dir, Manifest manifest) throws IOException {
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), manifest);
  }

  /**
   * Reads an artifact, verifying checksums and shape; throws {@link CorruptArtifactException}
   * otherwise.
   */
  public static EmbeddingArtifact load(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST_FILE);
    if (!Files.exists(manifestFile)) {
      throw new NoSuchFileException(
          manifestFile.toString(), null, "embedding artifact manifest missing");
    }
    Manifest m =
        ArtifactManifests.readJson(
            manifestFile,
            JSON,
            Manifest.class,
            "embedding artifact",
            "formatVersion",
            FORMAT_VERSION);
    ArtifactManifests.verifyAll(dir, m.checksums(), ArtifactManifests.CORRUPT);
    List<String> ids = Files.readAllLines(dir.resolve(ITEMS_FILE), StandardCharsets.UTF_8);
    if (ids.size() != m.numItems()) {
      throw new CorruptArtifactException(
          dir.resolve(ITEMS_FILE) + ": " + ids.size() + " ids, manifest says " + m.numItems());
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
}
