package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmemb.llm.lora.Projection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a checkpoint as a Hugging Face {@code LlamaForCausalLM} folder ({@code config.json} +
 * safetensors, one file or {@code shards} files with an index). Interleaved (llama2.c) q/k weights
 * are permuted to the rotate-half layout on the way, as transformers' converter does, so {@code
 * llama2.c -> HF} conversion is exact.
 */
public final class HfCheckpointWriter {
  private HfCheckpointWriter() {}

  /**
   * @param storage tensor dtype on disk: FLOAT32 or FLOAT16 (DJL 0.36 aborts the JVM on BF16
   *     tensors)
   * @param shards number of safetensors files; more than one also writes {@code
   *     model.safetensors.index.json}
   */
  public static void write(
      LoadedCheckpoint checkpoint, Path directory, DataType storage, int shards) {
    if (storage != DataType.FLOAT32 && storage != DataType.FLOAT16) {
      throw new IllegalArgumentException("storage must be FLOAT32 or FLOAT16, got " + storage);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    LlamaConfig config = checkpoint.config();
    boolean permute = config.ropeLayout() == RopeLayout.INTERLEAVED;
    Map<String, NDArray> named = new LinkedHashMap<>();
    LlamaWeights w = checkpoint.weights();
    named.put(HfCheckpointReader.EMBEDDING, w.tokenEmbedding());
    for (int l = 0; l < config.layers(); l++) {
      LlamaLayerWeights layer = w.layers().get(l);
      for (ProjectionName name : ProjectionName.values()) {
        NDArray weight = baseWeight(layer.projection(name), name.tensorName(l));
        if (permute && name == ProjectionName.Q) {
          weight = RopePermutation.toRotateHalf(weight, config.heads());
        } else if (permute && name == ProjectionName.K) {
          weight = RopePermutation.toRotateHalf(weight, config.kvHeads());
        }
        named.put(name.tensorName(l), weight);
      }
      named.put("model.layers." + l + ".input_layernorm.weight", layer.attentionNorm());
      named.put("model.layers." + l + ".post_attention_layernorm.weight", layer.ffnNorm());
    }
    named.put(HfCheckpointReader.FINAL_NORM, w.finalNorm());
    if (!config.tiedEmbeddings()) {
      named.put(HfCheckpointReader.LM_HEAD, w.lmHead());
    }
    try {
      Files.createDirectories(directory);
      HfLlamaConfigJson.write(
          config.withRopeLayout(RopeLayout.ROTATE_HALF),
          directory.resolve(HfCheckpointReader.CONFIG));
      writeTensors(named, directory, storage, shards);
    } catch (IOException e) {
      throw new CheckpointFormatException(directory + ": cannot write checkpoint", e);
    }
  }

  private static NDArray baseWeight(Projection projection, String tensorName) {
    if (!(projection instanceof Linear linear)) {
      throw new IllegalArgumentException(
          tensorName
              + " is a "
              + projection.getClass().getSimpleName()
              + ", not a plain Linear; merge adapters before exporting");
    }
    return linear.weight();
  }

  private static void writeTensors(
      Map<String, NDArray> named, Path directory, DataType storage, int shards) throws IOException {
    List<NDList> lists = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      lists.add(new NDList());
    }
    ObjectNode weightMap = new ObjectMapper().createObjectNode();
    int i = 0;
    for (Map.Entry<String, NDArray> e : named.entrySet()) {
      int shard = i++ % shards;
      NDArray copy = e.getValue().toType(storage, true);
      copy.setName(e.getKey());
      lists.get(shard).add(copy);
      weightMap.put(e.getKey(), shardName(shard, shards));
    }
    for (int s = 0; s < shards; s++) {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(directory.resolve(shardName(s, shards))))) {
        lists.get(s).encode(out, NDList.Encoding.SAFETENSORS);
      } finally {
        lists.get(s).close();
      }
    }
    if (shards > 1) {
      ObjectNode index = new ObjectMapper().createObjectNode();
      index.putObject("metadata");
      index.set("weight_map", weightMap);
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(directory.resolve(HfCheckpointReader.INDEX).toFile(), index);
    }
  }

  private static String shardName(int shard, int shards) {
    return shards == 1
        ? HfCheckpointReader.SINGLE_FILE
        : String.format("model-%05d-of-%05d.safetensors", shard + 1, shards);
  }
}
