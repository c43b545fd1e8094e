package io.llmemb.pca;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A saved PCA: {@code pca.npy} (float64 [k + 2, D]: row 0 the mean, row 1 the explained variances
 * padded with zeros, rows 2.. the components) and {@code pca.json} (format version, source
 * embedding model, prompt version, k, D, fitted rows, total variance, sha256, optionally
 * provenance). Loading checks the version and verifies the checksum ({@link ArtifactManifests});
 * files written before the manifest had a version are format 1.
 */
public final class PcaArtifact {

  public static final String MATRIX_FILE = "pca.npy";
  public static final String MANIFEST_FILE = "pca.json";

  /** Current layout version. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PcaArtifact() {}

  /**
   * Manifest of a PCA artifact.
   *
   * @param formatVersion layout version
   * @param sourceModelId model id of the embeddings the PCA was fitted on
   * @param promptVersion prompt version of those embeddings
   * @param components k
   * @param inputDimension D
   * @param fittedRows N
   * @param totalVariance total variance of the input
   * @param sha256 checksum of {@link #MATRIX_FILE}
   * @param provenance where the PCA came from, or null (not written then; absent from earlier
   *     files)
   */
  public record Manifest(
      int formatVersion,
      String sourceModelId,
      String promptVersion,
      int components,
      int inputDimension,
      int fittedRows,
      double totalVariance,
      String sha256,
      @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {
    public Manifest {
      Objects.requireNonNull(sourceModelId, "sourceModelId");
      Objects.requireNonNull(promptVersion, "promptVersion");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** Writes the model into {@code dir}, without provenance. */
  public static Manifest save(Path dir, PcaModel model, String sourceModelId, String promptVersion)
      throws IOException {
    return save(dir, model, sourceModelId, promptVersion, null);
  }

  /** Writes the model into {@code dir}; {@code provenance} may be null. */
  public static Manifest save(
      Path dir, PcaModel model, String sourceModelId, String promptVersion, Provenance provenance)
      throws IOException {
    Files.createDirectories(dir);
    int d = model.inputDimension();
    int k = model.outputDimension();
    Path file = dir.resolve(MATRIX_FILE);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      Npy.writeHeader(out, Npy.FLOAT64, k + 2L, d);
      Npy.writeDoubles(out, model.mean());
      double[] variance = new double[d];
      System.arraycopy(model.explainedVariance(), 0, variance, 0, k);
      Npy.writeDoubles(out, variance);
      for (double[] c : model.components()) {
        Npy.writeDoubles(out, c);
      }
    }
    Manifest m =
        new Manifest(
            FORMAT_VERSION,
            sourceModelId,
            promptVersion,
            k,
            d,
            model.fittedRows(),
            model.totalVariance(),
            ArtifactManifests.checksums(dir, MATRIX_FILE).get(MATRIX_FILE),
            provenance);
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), m);
    return m;
  }

  /** Reads a model, refusing a newer format or a file that fails its checksum or shape. */
  public static PcaModel load(Path dir) throws IOException {
    Manifest m = manifest(dir);
    ArtifactManifests.verifyAll(dir, Map.of(MATRIX_FILE, m.sha256()), ArtifactManifests.CORRUPT);
    Path file = dir.resolve(MATRIX_FILE);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int d = m.inputDimension();
      int k = m.components();
      Npy.readMatrixHeader(in, Npy.FLOAT64, k + 2L, d);
      double[] mean = row(in, d, file);
      double[] variance = new double[k];
      System.arraycopy(row(in, d, file), 0, variance, 0, k);
      double[][] comps = new double[k][];
      for (int i = 0; i < k; i++) {
        comps[i] = row(in, d, file);
      }
      return new PcaModel(mean, comps, variance, m.totalVariance(), m.fittedRows());
    } catch (Npy.FormatException e) {
      throw new CorruptArtifactException(file + ": " + e.getMessage());
    }
  }

  /** Reads {@value #MANIFEST_FILE}, refusing a newer format. */
  public static Manifest manifest(Path dir) throws IOException {
    return ArtifactManifests.readJson(
        dir.resolve(MANIFEST_FILE),
        JSON,
        Manifest.class,
        "PCA artifact",
        "formatVersion",
        FORMAT_VERSION);
  }

  private static double[] row(InputStream in, int d, Path file) throws IOException {
    double[] row = Npy.readDoubles(in, d);
    if (row == null) {
      throw new CorruptArtifactException(file + ": truncated matrix data");
    }
    return row;
  }
}
