package io.llmemb.llm.lora;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over the LoRA A/B values in module-name order: identifies a LoRA state in artifact model
 * ids.
 */
public final class LoraDigest {

  private LoraDigest() {}

  /** Hex digest of all adapters' current A and B. */
  public static String of(Map<String, LoraLinear> modules) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, LoraLinear> e : new TreeMap<>(modules).entrySet()) {
        sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (float[] values :
            new float[][] {
              e.getValue().loraA().toFloatArray(), e.getValue().loraB().toFloatArray()
            }) {
          ByteBuffer buf =
              ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
          buf.asFloatBuffer().put(values);
          sha.update(buf.array());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
