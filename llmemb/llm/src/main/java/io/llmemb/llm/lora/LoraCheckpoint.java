package io.llmemb.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.files.Sha256;
import io.llmemb.files.CorruptArtifactException;
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
 * LoRA adapters saved apart from the base model: {@code adapter.safetensors} (tensors
 * {@code <module>.lora_A} [r, in] and {@code <module>.lora_B} [out, r]) and {@code adapter.json} (config, base
 * model id, sha256 of the tensor file). Loading verifies the checksum.
 */
public final class LoraCheckpoint {

  /** Tensor file name inside the checkpoint directory. */
  public static final String TENSORS = "adapter.safetensors";
  /** Manifest file name inside the checkpoint directory. */
  public static final String MANIFEST = "adapter.json";
  private static final String A_SUFFIX = ".lora_A";
  private static final String B_SUFFIX = ".lora_B";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoraCheckpoint() {
  }

  /**
   * The manifest.
   *
   * @param baseModelId id of the frozen base the adapters belong to
   * @param rank r
   * @param alpha α
   * @param dropout dropout on the LoRA input
   * @param targetModules adapted module roles
   * @param modules adapted module names in order
   * @param sha256 checksum of {@link #TENSORS}
   * @param steps optimisation steps that produced the adapters
   */
  public record Manifest(String baseModelId, int rank, float alpha, float dropout, List<String> targetModules,
      List<String> modules, String sha256, long steps) {
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
  public record Loaded(Manifest manifest, Map<String, NDArray[]> weights) {
  }

  /** Writes the adapters and manifest into {@code dir} (created if needed). */
  public static Manifest save(Path dir, String baseModelId, LoraConfig config, Map<String, LoraLinear> modules,
      long steps) throws IOException {
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
    Manifest m = new Manifest(baseModelId, config.rank(), config.alpha(), config.dropout(),
        config.targetModules().stream().sorted().toList(), List.copyOf(sorted.keySet()), Sha256.of(tensors),
        steps);
    JSON.writeValue(dir.resolve(MANIFEST).toFile(), m);
    return m;
  }

  /** Reads a checkpoint, refusing it when the tensor file does not match the manifest's checksum. */
  public static Loaded load(Path dir, NDManager manager) throws IOException {
    Manifest m = JSON.readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
    Path tensors = dir.resolve(TENSORS);
    String actual = Sha256.of(tensors);
    if (!actual.equals(m.sha256())) {
      throw new CorruptArtifactException(tensors + ": sha256 " + actual + " does not match manifest "
          + m.sha256());
    }
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
