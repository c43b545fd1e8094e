package io.llmemb.schemas.serde;

import io.llmemb.schemas.errors.WireFormatException;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format of a Kafka record key or value:
 *
 * <pre>
 *   byte 0      magic byte, always 0
 *   bytes 1-4   schema id, a signed 32-bit big-endian integer assigned by the registry
 *   bytes 5-    the datum in Avro binary encoding, written with the schema of that id
 * </pre>
 *
 * It carries no schema itself, so a reader needs the registry to resolve the id (unlike Avro's
 * single-object encoding, which carries a fingerprint and is what Kafka users' tools do not
 * expect).
 */
public final class WireFormat {

  /** The only magic byte defined. */
  public static final byte MAGIC_BYTE = 0;

  /** Length of the header (magic byte + schema id). */
  public static final int HEADER_SIZE = 1 + Integer.BYTES;

  private WireFormat() {}

  /** The header of a datum written with schema {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /**
   * Reads the schema id from a framed datum.
   *
   * @throws WireFormatException when {@code data} is shorter than the header or does not start with
   *     {@link #MAGIC_BYTE}
   */
  public static int schemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new WireFormatException(
          "record of "
              + data.length
              + " bytes is shorter than the "
              + HEADER_SIZE
              + "-byte Confluent header (magic byte + schema id)",
          null);
    }
    if (data[0] != MAGIC_BYTE) {
      throw new WireFormatException(
          String.format(
              "unknown magic byte 0x%02x (expected 0x00): not Confluent-framed " + "Avro", data[0]),
          null);
    }
    return ByteBuffer.wrap(data, 1, Integer.BYTES).getInt();
  }
}
