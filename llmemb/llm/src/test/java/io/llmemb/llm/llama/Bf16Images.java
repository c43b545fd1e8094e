package io.llmemb.llm.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test helper: turns an all-F32 safetensors image into BF16 by truncation (what torch's bf16 export
 * stores).
 */
final class Bf16Images {
  private Bf16Images() {}

  static byte[] narrowF32ToBf16(byte[] image) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = (int) buf.getLong();
    ObjectNode header =
        (ObjectNode)
            new ObjectMapper().readTree(new String(image, 8, headerLength, StandardCharsets.UTF_8));
    int dataStart = 8 + headerLength;
    List<String> names = new ArrayList<>();
    header
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (!n.equals("__metadata__")) {
                names.add(n);
              }
            });
    names.sort(Comparator.comparingLong(n -> header.get(n).get("data_offsets").get(0).asLong()));
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (String name : names) {
      ObjectNode info = (ObjectNode) header.get(name);
      int begin = info.get("data_offsets").get(0).asInt();
      int end = info.get("data_offsets").get(1).asInt();
      int newBegin = data.size();
      for (int i = dataStart + begin; i < dataStart + end; i += 4) {
        data.write(image[i + 2]);
        data.write(image[i + 3]);
      }
      info.put("dtype", "BF16");
      info.putArray("data_offsets").add(newBegin).add(data.size());
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out =
        ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
    return out.putLong(json.length).put(json).put(data.toByteArray()).array();
  }
}
