package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
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
 * Loads a Hugging Face {@code LlamaForCausalLM} checkpoint folder: {@code config.json} plus either one
 * {@code model.safetensors} or the shards listed in {@code model.safetensors.index.json}. Safetensors are decoded
 * by DJL's {@code NDList.decode}; F32 and F16 tensors are cast to the requested dtype, BF16 ones are first
 * widened to F32 by {@link SafetensorsBf16Widener} (DJL 0.36 cannot hold BF16 tensors).
 */
public final class HfCheckpointReader {
  static final String CONFIG = "config.json";
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  static final String EMBEDDING = "model.embed_tokens.weight";
  static final String FINAL_NORM = "model.norm.weight";
  static final String LM_HEAD = "lm_head.weight";
  private static final Set<DataType> FLOAT_TYPES = Set.of(DataType.FLOAT32, DataType.FLOAT16);

  private final Map<String, NDArray> tensors = new HashMap<>();
  private final Map<String, Path> origin = new HashMap<>();
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
      reader.decode(file);
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
      throw new CheckpointFormatException(directory + ": neither " + SINGLE_FILE + " nor " + INDEX + " found");
    }
    return List.of(single);
  }

  private void decode(Path file) {
    NDList list;
    try {
      byte[] image = SafetensorsBf16Widener.widen(Files.readAllBytes(file), file);
      list = NDList.decode(manager, new ByteArrayInputStream(image));
    } catch (CheckpointFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFormatException(file + ": cannot decode safetensors (" + e.getMessage() + ")", e);
    }
    for (NDArray array : list) {
      String name = array.getName();
      if (name == null || tensors.containsKey(name)) {
        throw new CheckpointFormatException(file + ": tensor name " + name + " missing or duplicated across shards");
      }
      tensors.put(name, array);
      origin.put(name, file);
    }
  }

  private LlamaWeights assemble(LlamaConfig c, Path directory) {
    NDArray embedding = take(directory, EMBEDDING, c.vocabSize(), c.dim());
    List<LlamaLayerWeights> layers = new ArrayList<>(c.layers());
    for (int l = 0; l < c.layers(); l++) {
      Map<ProjectionName, Projection> projections = new EnumMap<>(ProjectionName.class);
      for (ProjectionName name : ProjectionName.values()) {
        projections.put(name, new Linear(take(directory, name.tensorName(l), name.outFeatures(c), name.inFeatures(c))));
      }
      String prefix = "model.layers." + l + ".";
      layers.add(new LlamaLayerWeights(take(directory, prefix + "input_layernorm.weight", c.dim()),
          take(directory, prefix + "post_attention_layernorm.weight", c.dim()), projections));
    }
    NDArray finalNorm = take(directory, FINAL_NORM, c.dim());
    NDArray head = c.tiedEmbeddings() ? embedding : take(directory, LM_HEAD, c.vocabSize(), c.dim());
    // Leftovers (e.g. rotary inv_freq buffers, a redundant lm_head when tied) are not needed.
    tensors.values().forEach(NDArray::close);
    return new LlamaWeights(embedding, layers, finalNorm, head);
  }

  private NDArray take(Path directory, String name, long... shape) {
    NDArray array = tensors.remove(name);
    if (array == null) {
      throw new CheckpointFormatException(directory + ": missing tensor '" + name + "' (looked in "
          + new TreeSet<>(origin.values()) + ")");
    }
    Path file = origin.get(name);
    if (!array.getShape().equals(new Shape(shape))) {
      throw new CheckpointFormatException(file + ": tensor '" + name + "' has shape " + array.getShape()
          + ", expected " + new Shape(shape));
    }
    if (!FLOAT_TYPES.contains(array.getDataType())) {
      throw new CheckpointFormatException(file + ": tensor '" + name + "' has dtype " + array.getDataType()
          + "; expected one of " + FLOAT_TYPES);
    }
    return array.getDataType() == dtype ? array : array.toType(dtype, false);
  }
}
