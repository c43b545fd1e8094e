package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.CorruptArtifactException;
import io.llmemb.files.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * LoRA adapters saved apart from the base model: {@code adapter.safetensors} (tensors {@code
 * <module>.lora_A} [r, in] and {@code <module>.lora_B} [out, r]) and {@code adapter.json} (format
 * version, config, base model id, sha256 of the tensor file, optionally provenance). Loading checks
 * the version and verifies the checksum ({@link ArtifactManifests}); files written before the
 * manifest had a version are format 1.
 */
public final class LoraCheckpoint {

  /** Tensor file name inside the checkpoint directory. */
  public static final String TENSORS = "adapter.safetensors";

  /** Manifest file name inside the checkpoint directory. */
  public static final String MANIFEST = "adapter.json";

  /** Current layout version. */
  public static final int FORMAT_VERSION = 1;

  private static final String A_SUFFIX = ".lora_A";
  private static final String B_SUFFIX = ".lora_B";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoraCheckpoint() {}

  /**
   * The manifest.
   *
   * @param formatVersion layout version
   * @param baseModelId id of the frozen base the adapters belong to
   * @param rank r
   * @param alpha α
   * @param dropout dropout on the LoRA input
   * @param targetModules adapted module roles
   * @param modules adapted module names in order
   * @param sha256 checksum of {@link #TENSORS}
   * @param steps optimisation steps that produced the adapters
   * @param provenance where the adapters came from, or null (not written then; absent from earlier
   *     files)
   */
  public record Manifest(
      int formatVersion,
      String baseModelId,
      int rank,
      float alpha,
      float dropout,
      List<String> targetModules,
      List<String> modules,
      String sha256,
      long steps,
      @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {
    public Manifest {
      Objects.requireNonNull(baseModelId, "baseModelId");
      Objects.requireNonNull(modules, "modules");
      Objects.requireNonNull(sha256, "sha256");
    }

    /** The LoRA config the adapters were trained with. */
    public LoraConfig config() {
      return new LoraConfig(rank, alpha, dropout, java.util.Set.copyOf(targetModules));
    }
  }

  /** A loaded checkpoint: manifest and (A, B) per module name. */
  public record Loaded(Manifest manifest, Map<String, NDArray[]> weights) {}

  /** Writes the adapters and manifest into {@code dir} (created if needed), without provenance. */
  public static Manifest save(
      Path dir, String baseModelId, LoraConfig config, Map<String, LoraLinear> modules, long steps)
      throws IOException {
    return save(dir, baseModelId, config, modules, steps, null);
  }

  /**
   * Writes the adapters and manifest into {@code dir} (created if needed); {@code provenance} may
   * be null.
   */
  public static Manifest save(
      Path dir,
      String baseModelId,
      LoraConfig config,
      Map<String, LoraLinear> modules,
      long steps,
      Provenance provenance)
      throws IOException {
    Files.createDirectories(dir);
    NDList list = new NDList();
    Map<String, LoraLinear> sorted = new TreeMap<>(modules);
    for (Map.Entry<String, LoraLinear> e : sorted.entrySet()) {
      NDArray a = e.getValue().loraA().stopGradient();
      NDArray b = e.getValue().loraB().stopGradient();
      a.setName(e.getKey() + A_SUFFIX);
      b.setName(e.getKey() + B_SUFFIX);
      list.add(a);
      list.add(b);
    }
    Path tensors = dir.resolve(TENSORS);
    try (OutputStream out = Files.newOutputStream(tensors)) {
      list.encode(out, NDList.Encoding.SAFETENSORS);
    }
    Manifest m =
        new Manifest(
            FORMAT_VERSION,
            baseModelId,
            config.rank(),
            config.alpha(),
            config.dropout(),
            config.targetModules().stream().sorted().toList(),
            List.copyOf(sorted.keySet()),
            ArtifactManifests.checksums(dir, TENSORS).get(TENSORS),
            steps,
            provenance);
    JSON.writeValue(dir.resolve(MANIFEST).toFile(), m);
    return m;
  }

  /**
   * Reads a checkpoint, refusing a newer format or a tensor file that does not match the manifest's
   * checksum.
   */
  public static Loaded load(Path dir, NDManager manager) throws IOException {
    Manifest m =
        ArtifactManifests.readJson(
            dir.resolve(MANIFEST),
            JSON,
            Manifest.class,
            "LoRA checkpoint",
            "formatVersion",
            FORMAT_VERSION);
    ArtifactManifests.verifyAll(dir, Map.of(TENSORS, m.sha256()), ArtifactManifests.CORRUPT);
    Path tensors = dir.resolve(TENSORS);
    NDList list;
    try (InputStream in = Files.newInputStream(tensors)) {
      list = NDList.decode(manager, in);
    }
    Map<String, NDArray[]> weights = new LinkedHashMap<>();
    for (String module : m.modules()) {
      NDArray a = list.get(module + A_SUFFIX);
      NDArray b = list.get(module + B_SUFFIX);
      if (a == null || b == null) {
        throw new CorruptArtifactException(tensors + ": missing LoRA tensors for module " + module);
      }
      weights.put(module, new NDArray[] {a, b});
    }
    return new Loaded(m, weights);
  }
}
