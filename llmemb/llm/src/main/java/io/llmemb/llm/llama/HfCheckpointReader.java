package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.llm.lora.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a Hugging Face {@code LlamaForCausalLM} checkpoint folder: {@code config.json} plus either
 * one {@code model.safetensors} or the shards listed in {@code model.safetensors.index.json}.
 * Safetensors are read tensor by tensor by {@link SafetensorsFile} (F32, F16, BF16) and cast to the
 * requested dtype; tensors the model does not use (rotary buffers, a redundant {@code lm_head} when
 * tied) are never read.
 */
public final class HfCheckpointReader {
  static final String CONFIG = "config.json";
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  static final String EMBEDDING = "model.embed_tokens.weight";
  static final String FINAL_NORM = "model.norm.weight";
  static final String LM_HEAD = "lm_head.weight";

  private final Map<String, SafetensorsFile> files = new HashMap<>();
  private final NDManager manager;
  private final DataType dtype;

  private HfCheckpointReader(NDManager manager, DataType dtype) {
    this.manager = manager;
    this.dtype = dtype;
  }

  /** Loads the folder into {@code manager}, casting to {@code dtype}. */
  public static LoadedCheckpoint read(Path directory, NDManager manager, DataType dtype) {
    LlamaConfig config = HfLlamaConfigJson.read(directory.resolve(CONFIG));
    HfCheckpointReader reader = new HfCheckpointReader(manager, dtype);
    for (Path file : weightFiles(directory)) {
      reader.index(SafetensorsFile.open(file));
    }
    return new LoadedCheckpoint(config, reader.assemble(config, directory));
  }

  static List<Path> weightFiles(Path directory) {
    Path index = directory.resolve(INDEX);
    if (Files.exists(index)) {
      JsonNode map;
      try {
        map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
      } catch (IOException e) {
        throw new CheckpointFormatException(index + ": cannot parse", e);
      }
      if (!map.isObject() || map.isEmpty()) {
        throw new CheckpointFormatException(index + ": no 'weight_map' object");
      }
      Set<String> shards = new TreeSet<>();
      map.forEach(node -> shards.add(node.asText()));
      return shards.stream().map(directory::resolve).toList();
    }
    Path single = directory.resolve(SINGLE_FILE);
    if (!Files.exists(single)) {
      throw new CheckpointFormatException(
          directory + ": neither " + SINGLE_FILE + " nor " + INDEX + " found");
    }
    return List.of(single);
  }

  private void index(SafetensorsFile file) {
    for (String name : file.tensors().keySet()) {
      SafetensorsFile previous = files.put(name, file);
      if (previous != null) {
        throw new CheckpointFormatException(
            file.path() + ": tensor '" + name + "' also in " + previous.path());
      }
    }
  }

  private LlamaWeights assemble(LlamaConfig c, Path directory) {
    NDArray embedding = take(directory, EMBEDDING, c.vocabSize(), c.dim());
    List<LlamaLayerWeights> layers = new ArrayList<>(c.layers());
    for (int l = 0; l < c.layers(); l++) {
      Map<ProjectionName, Projection> projections = new EnumMap<>(ProjectionName.class);
      for (ProjectionName name : ProjectionName.values()) {
        projections.put(
            name,
            new Linear(
                take(directory, name.tensorName(l), name.outFeatures(c), name.inFeatures(c))));
      }
      String prefix = "model.layers." + l + ".";
      layers.add(
          new LlamaLayerWeights(
              take(directory, prefix + "input_layernorm.weight", c.dim()),
              take(directory, prefix + "post_attention_layernorm.weight", c.dim()),
              projections));
    }
    NDArray finalNorm = take(directory, FINAL_NORM, c.dim());
    NDArray head =
        c.tiedEmbeddings() ? embedding : take(directory, LM_HEAD, c.vocabSize(), c.dim());
    return new LlamaWeights(embedding, layers, finalNorm, head);
  }

  private NDArray take(Path directory, String name, long... shape) {
    SafetensorsFile file = files.get(name);
    if (file == null) {
      throw new CheckpointFormatException(
          directory
              + ": missing tensor '"
              + name
              + "' (looked in "
              + new TreeSet<>(
                  files.values().stream().map(f -> f.path().getFileName().toString()).toList())
              + ")");
    }
    Shape stored = file.tensors().get(name).shape();
    if (!stored.equals(new Shape(shape))) {
      throw new CheckpointFormatException(
          file.path()
              + ": tensor '"
              + name
              + "' has shape "
              + stored
              + ", expected "
              + new Shape(shape));
    }
    NDArray array = file.load(name, manager);
    return array.getDataType() == dtype ? array : array.toType(dtype, false);
  }
}
