package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.llmemb.llm.lora.Projection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a llama2.c legacy checkpoint ({@code run.c}'s format): 7 little-endian int32 (dim,
 * hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a negative vocab_size means an
 * untied classifier), then fp32 tensors stacked over layers, the unused RoPE tables, and the
 * classifier when untied.
 */
public final class Llama2cCheckpointReader {
  private static final int HEADER_INTS = 7;

  /**
   * First int32 of llama2.c's versioned exports ("ak42"), which this legacy reader does not handle.
   */
  private static final int VERSIONED_MAGIC = 0x616b3432;

  /** llama2.c hard-codes these. */
  static final float NORM_EPS = 1e-5f;

  static final float ROPE_THETA = 10000f;

  private Llama2cCheckpointReader() {}

  /** Loads {@code file} into {@code manager}, casting to {@code dtype}. */
  public static LoadedCheckpoint read(Path file, NDManager manager, DataType dtype) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer bytes =
          channel
              .map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
              .order(ByteOrder.LITTLE_ENDIAN);
      if (bytes.remaining() < HEADER_INTS * Integer.BYTES) {
        throw new CheckpointFormatException(file + ": shorter than the 28-byte llama2.c header");
      }
      int[] h = new int[HEADER_INTS];
      for (int i = 0; i < HEADER_INTS; i++) {
        h[i] = bytes.getInt();
      }
      if (h[0] == VERSIONED_MAGIC) {
        throw new CheckpointFormatException(
            file
                + ": llama2.c versioned export (magic ak42); only the legacy format "
                + "is supported, export with --version 0");
      }
      LlamaConfig config;
      try {
        config =
            new LlamaConfig(
                h[0],
                h[1],
                h[2],
                h[3],
                h[4],
                Math.abs(h[5]),
                h[6],
                NORM_EPS,
                ROPE_THETA,
                h[5] > 0,
                RopeLayout.INTERLEAVED);
      } catch (IllegalArgumentException e) {
        throw new CheckpointFormatException(
            file + ": invalid header " + java.util.Arrays.toString(h), e);
      }
      return new LoadedCheckpoint(
          config, new TensorStream(file, bytes.asFloatBuffer(), manager, dtype).read(config));
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot read llama2.c checkpoint", e);
    }
  }

  /** Sequential fp32 reader that names the tensor it was reading when the file ends early. */
  private record TensorStream(Path file, FloatBuffer floats, NDManager manager, DataType dtype) {

    LlamaWeights read(LlamaConfig c) {
      int layers = c.layers();
      NDArray embedding = next("token_embedding_table", c.vocabSize(), c.dim());
      List<NDArray> rmsAtt = stacked("rms_att_weight", layers, c.dim());
      Map<ProjectionName, List<NDArray>> proj = new EnumMap<>(ProjectionName.class);
      proj.put(ProjectionName.Q, stacked("wq", layers, c.dim(), c.dim()));
      proj.put(ProjectionName.K, stacked("wk", layers, c.kvDim(), c.dim()));
      proj.put(ProjectionName.V, stacked("wv", layers, c.kvDim(), c.dim()));
      proj.put(ProjectionName.O, stacked("wo", layers, c.dim(), c.dim()));
      List<NDArray> rmsFfn = stacked("rms_ffn_weight", layers, c.dim());
      proj.put(ProjectionName.GATE, stacked("w1", layers, c.hiddenDim(), c.dim()));
      proj.put(ProjectionName.DOWN, stacked("w2", layers, c.dim(), c.hiddenDim()));
      proj.put(ProjectionName.UP, stacked("w3", layers, c.hiddenDim(), c.dim()));
      NDArray finalNorm = next("rms_final_weight", c.dim());
      skip("freq_cis_real/imag", 2L * c.maxSeqLen() * (c.headDim() / 2));
      NDArray head = c.tiedEmbeddings() ? embedding : next("wcls", c.vocabSize(), c.dim());
      if (floats.hasRemaining()) {
        throw new CheckpointFormatException(
            file
                + ": "
                + floats.remaining()
                + " trailing floats after the last tensor;"
                + " header does not describe this file");
      }
      List<LlamaLayerWeights> blocks = new ArrayList<>(layers);
      for (int l = 0; l < layers; l++) {
        Map<ProjectionName, Projection> p = new EnumMap<>(ProjectionName.class);
        for (ProjectionName name : ProjectionName.values()) {
          p.put(name, new Linear(proj.get(name).get(l)));
        }
        blocks.add(new LlamaLayerWeights(rmsAtt.get(l), rmsFfn.get(l), p));
      }
      return new LlamaWeights(embedding, blocks, finalNorm, head);
    }

    private List<NDArray> stacked(String name, int layers, long... shape) {
      List<NDArray> out = new ArrayList<>(layers);
      for (int l = 0; l < layers; l++) {
        out.add(next(name + "[" + l + "]", shape));
      }
      return out;
    }

    private NDArray next(String name, long... shape) {
      Shape s = new Shape(shape);
      float[] values = new float[Math.toIntExact(s.size())];
      if (floats.remaining() < values.length) {
        throw new CheckpointFormatException(
            file
                + ": truncated in tensor "
                + name
                + " "
                + s
                + " ("
                + floats.remaining()
                + " floats left, "
                + values.length
                + " needed)");
      }
      floats.get(values);
      return manager.create(values, s).toType(dtype, false);
    }

    private void skip(String name, long count) {
      if (floats.remaining() < count) {
        throw new CheckpointFormatException(file + ": truncated in " + name);
      }
      floats.position(floats.position() + (int) count);
    }
  }
}
