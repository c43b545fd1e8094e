package io.llmemb.llm.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One safetensors file, read lazily tensor by tensor through memory maps (8-byte little-endian
 * header length, JSON header, raw data). DJL's {@code NDList.decode} reads a whole file into one
 * Java array, which caps shards at 2 GB, and DJL 0.36's PyTorch engine aborts the JVM on BF16
 * tensors; reading per tensor avoids both. F32 and F16 become NDArrays as stored; BF16 is widened
 * to F32 exactly (bf16 bits are the top half of the f32).
 */
final class SafetensorsFile {
  private static final String METADATA = "__metadata__";
  private static final int MAX_HEADER = 100 * 1024 * 1024;
  private static final Map<String, DataType> TYPES =
      Map.of("F32", DataType.FLOAT32, "F16", DataType.FLOAT16, "BF16", DataType.BFLOAT16);

  /** A header entry. */
  record TensorInfo(String name, String dtype, Shape shape, long begin, long end) {}

  private final Path file;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;

  private SafetensorsFile(Path file, long dataStart, Map<String, TensorInfo> tensors) {
    this.file = file;
    this.dataStart = dataStart;
    this.tensors = tensors;
  }

  /** Reads and validates the header of {@code file}. */
  static SafetensorsFile open(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, length, 0);
      long headerLength = length.flip().getLong();
      if (headerLength < 2
          || headerLength > MAX_HEADER
          || Long.BYTES + headerLength > channel.size()) {
        throw new CheckpointFormatException(
            file + ": invalid safetensors header length " + headerLength);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, Long.BYTES);
      JsonNode root =
          new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
      long dataStart = Long.BYTES + headerLength;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      var fields = root.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        if (!e.getKey().equals(METADATA)) {
          tensors.put(
              e.getKey(), parse(file, e.getKey(), e.getValue(), channel.size() - dataStart));
        }
      }
      return new SafetensorsFile(file, dataStart, tensors);
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot read safetensors header", e);
    }
  }

  private static TensorInfo parse(Path file, String name, JsonNode node, long dataSize) {
    JsonNode offsets = node.path("data_offsets");
    long begin = offsets.path(0).asLong(-1);
    long end = offsets.path(1).asLong(-1);
    if (begin < 0 || end < begin || end > dataSize) {
      throw new CheckpointFormatException(
          file + ": tensor '" + name + "' has invalid data_offsets " + offsets);
    }
    long[] dims = new long[node.path("shape").size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = node.path("shape").get(i).asLong();
    }
    return new TensorInfo(name, node.path("dtype").asText(), new Shape(dims), begin, end);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      at += n;
    }
  }

  /** Header entries by tensor name. */
  Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The file. */
  Path path() {
    return file;
  }

  /** Loads tensor {@code name} into {@code manager}; F32/F16 as stored, BF16 widened to F32. */
  NDArray load(String name, NDManager manager) {
    TensorInfo info = tensors.get(name);
    DataType type = TYPES.get(info.dtype());
    if (type == null) {
      throw new CheckpointFormatException(
          file
              + ": tensor '"
              + name
              + "' has dtype "
              + info.dtype()
              + "; expected one of "
              + TYPES.keySet());
    }
    long bytes = info.end() - info.begin();
    if (bytes != info.shape().size() * type.getNumOfBytes()) {
      throw new CheckpointFormatException(
          file
              + ": tensor '"
              + name
              + "' holds "
              + bytes
              + " bytes, but "
              + info.shape()
              + " "
              + info.dtype()
              + " needs "
              + info.shape().size() * type.getNumOfBytes());
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer data =
          channel
              .map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), bytes)
              .order(ByteOrder.LITTLE_ENDIAN);
      NDArray array =
          type == DataType.BFLOAT16
              ? manager.create(widenBf16(data.asShortBuffer()), info.shape())
              : manager.create(data, info.shape(), type);
      array.setName(name);
      return array;
    } catch (IOException e) {
      throw new CheckpointFormatException(file + ": cannot read tensor '" + name + "'", e);
    }
  }

  private static float[] widenBf16(ShortBuffer bf16) {
    float[] out = new float[bf16.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat((bf16.get(i) & 0xFFFF) << 16);
    }
    return out;
  }
}
