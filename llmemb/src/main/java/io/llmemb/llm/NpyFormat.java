package io.llmemb.llm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} v1.0 format for 2-D little-endian float32 ({@code <f4}) and float64 ({@code <f8})
 * C-order matrices, so artifacts open directly with {@code numpy.load}.
 */
public final class NpyFormat {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGN = 64;
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '(<f[48])', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\}\\s*");

  private NpyFormat() {
  }

  /** Shape and element type of a 2-D matrix. */
  public record Header(long rows, long cols, boolean float64) {
  }

  /** Writes the header; the caller then writes rows·cols little-endian values. */
  public static void writeHeader(OutputStream out, long rows, long cols, boolean float64) throws IOException {
    String dict = "{'descr': '" + (float64 ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': (" + rows
        + ", " + cols + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
    String header = dict + " ".repeat(padding) + "\n";
    out.write(MAGIC);
    out.write(header.length() & 0xff);
    out.write(header.length() >>> 8);
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes float32 values little-endian. */
  public static void writeFloats(OutputStream out, float[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    out.write(buf.array());
  }

  /** Writes float64 values little-endian. */
  public static void writeDoubles(OutputStream out, double[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(values);
    out.write(buf.array());
  }

  /** Reads and validates the header; {@code source} names the file in errors. */
  public static Header readHeader(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    for (int i = 0; i < 6; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new CorruptArtifactException(source + ": not an .npy file (bad magic)");
      }
    }
    int len = data.readUnsignedByte() | data.readUnsignedByte() << 8;
    byte[] header = new byte[len];
    data.readFully(header);
    Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
    if (!m.matches()) {
      throw new CorruptArtifactException(source + ": unsupported .npy header (need 2-D <f4/<f8 C order)");
    }
    return new Header(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), "<f8".equals(m.group(1)));
  }

  /** Reads {@code n} little-endian float32 values. */
  public static float[] readFloats(InputStream in, int n, String source) throws IOException {
    byte[] bytes = in.readNBytes(n * Float.BYTES);
    if (bytes.length != n * Float.BYTES) {
      throw new CorruptArtifactException(source + ": truncated matrix data");
    }
    float[] out = new float[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Reads {@code n} little-endian float64 values. */
  public static double[] readDoubles(InputStream in, int n, String source) throws IOException {
    byte[] bytes = in.readNBytes(n * Double.BYTES);
    if (bytes.length != n * Double.BYTES) {
      throw new CorruptArtifactException(source + ": truncated matrix data");
    }
    double[] out = new double[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }
}
