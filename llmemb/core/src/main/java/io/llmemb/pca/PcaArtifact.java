package io.llmemb.pca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.files.Npy;
import io.llmemb.files.Sha256;
import io.llmemb.files.CorruptArtifactException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A saved PCA: {@code pca.npy} (float64 [k + 2, D]: row 0 the mean, row 1 the explained variances padded with
 * zeros, rows 2.. the components) and {@code pca.json} (source embedding model, prompt version, k, D, fitted
 * rows, total variance, sha256). Loading verifies the checksum.
 */
public final class PcaArtifact {

  public static final String MATRIX_FILE = "pca.npy";
  public static final String MANIFEST_FILE = "pca.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PcaArtifact() {
  }

  /**
   * Manifest of a PCA artifact.
   *
   * @param sourceModelId model id of the embeddings the PCA was fitted on
   * @param promptVersion prompt version of those embeddings
   * @param components k
   * @param inputDimension D
   * @param fittedRows N
   * @param totalVariance total variance of the input
   * @param sha256 checksum of {@link #MATRIX_FILE}
   */
  public record Manifest(String sourceModelId, String promptVersion, int components, int inputDimension,
      int fittedRows, double totalVariance, String sha256) {
    public Manifest {
      Objects.requireNonNull(sourceModelId, "sourceModelId");
      Objects.requireNonNull(promptVersion, "promptVersion");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** Writes the model into {@code dir}. */
  public static Manifest save(Path dir, PcaModel model, String sourceModelId, String promptVersion)
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
    Manifest m = new Manifest(sourceModelId, promptVersion, k, d, model.fittedRows(), model.totalVariance(),
        Sha256.of(file));
    JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), m);
    return m;
  }

  /** Reads a model, refusing a file that fails its checksum or shape. */
  public static PcaModel load(Path dir) throws IOException {
    Manifest m = JSON.readValue(dir.resolve(MANIFEST_FILE).toFile(), Manifest.class);
    Path file = dir.resolve(MATRIX_FILE);
    String actual = Sha256.of(file);
    if (!actual.equals(m.sha256())) {
      throw new CorruptArtifactException(file + ": sha256 " + actual + " does not match manifest " + m.sha256());
    }
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

  private static double[] row(InputStream in, int d, Path file) throws IOException {
    double[] row = Npy.readDoubles(in, d);
    if (row == null) {
      throw new CorruptArtifactException(file + ": truncated matrix data");
    }
    return row;
  }
}
