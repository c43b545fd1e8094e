package io.llmemb.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a safetensors image so that every BF16 tensor becomes F32 (a bf16 value is the top half of the f32
 * with the same bits, so the widening is exact). Needed because DJL 0.36's PyTorch engine aborts the whole JVM
 * ("terminate called without an active exception") when it creates or casts a BF16 tensor; measured on CPU.
 * Images without BF16 are returned unchanged, so DJL's own decoder does all other work.
 */
final class SafetensorsBf16Widener {
  private static final String BF16 = "BF16";
  private static final String METADATA = "__metadata__";
  private static final int HEADER_ALIGNMENT = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsBf16Widener() {}

  /** The image with BF16 tensors widened to F32; {@code file} only names the source in errors. */
  static byte[] widen(byte[] image, Path file) {
    ByteBuffer buf = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    if (image.length < Long.BYTES) {
      throw new CheckpointFormatException(file + ": too short for a safetensors header");
    }
    long headerLength = buf.getLong();
    if (headerLength < 2 || headerLength > image.length - Long.BYTES) {
      throw new CheckpointFormatException(file + ": safetensors header length " + headerLength + " is invalid");
    }
    ObjectNode header;
    try {
      header = (ObjectNode) JSON.readTree(new String(image, Long.BYTES, (int) headerLength, StandardCharsets.UTF_8));
    } catch (IOException | ClassCastException e) {
      throw new CheckpointFormatException(file + ": safetensors header is not a JSON object", e);
    }
    List<Map.Entry<String, JsonNode>> tensors = new ArrayList<>();
    header.fields().forEachRemaining(e -> {
      if (!e.getKey().equals(METADATA)) {
        tensors.add(e);
      }
    });
    if (tensors.stream().noneMatch(e -> BF16.equals(e.getValue().path("dtype").asText()))) {
      return image;
    }
    tensors.sort(Comparator.comparingLong(e -> e.getValue().path("data_offsets").path(0).asLong()));
    int dataStart = Long.BYTES + (int) headerLength;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Map.Entry<String, JsonNode> tensor : tensors) {
      ObjectNode info = (ObjectNode) tensor.getValue();
      long begin = info.path("data_offsets").path(0).asLong(-1);
      long end = info.path("data_offsets").path(1).asLong(-1);
      if (begin < 0 || end < begin || dataStart + end > image.length) {
        throw new CheckpointFormatException(file + ": tensor '" + tensor.getKey() + "' has bad data_offsets");
      }
      long newBegin = data.size();
      if (BF16.equals(info.path("dtype").asText())) {
        for (long i = dataStart + begin; i + 1 < dataStart + end; i += 2) {
          // little-endian bf16 (lo, hi) -> little-endian f32 (0, 0, lo, hi)
          data.write(0);
          data.write(0);
          data.write(image[(int) i]);
          data.write(image[(int) i + 1]);
        }
        info.put("dtype", "F32");
      } else {
        data.write(image, (int) (dataStart + begin), (int) (end - begin));
      }
      ArrayNode offsets = info.putArray("data_offsets");
      offsets.add(newBegin).add(data.size());
    }
    return assemble(header, data.toByteArray(), file);
  }

  private static byte[] assemble(ObjectNode header, byte[] data, Path file) {
    StringBuilder json = new StringBuilder(header.toString());
    while ((Long.BYTES + json.length()) % HEADER_ALIGNMENT != 0) {
      json.append(' ');
    }
    byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
    long total = (long) Long.BYTES + headerBytes.length + data.length;
    if (total > Integer.MAX_VALUE - HEADER_ALIGNMENT) {
      throw new CheckpointFormatException(file + ": BF16 shard too large to widen in memory (" + total + " bytes)");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(headerBytes.length).put(headerBytes).put(data);
    return out.array();
  }
}
