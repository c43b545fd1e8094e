package io.llmemb.files;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format (version 1.0 written, 1.0 and 2.0 read) for C-order little-endian
 * arrays, so every matrix the project writes opens with {@code numpy.load}: magic {@code
 * \x93NUMPY}, version bytes, a little-endian header length, an ASCII Python-dict header padded with
 * spaces to a multiple of 64 bytes and ending in a newline, then the raw data. Streaming, so
 * 100k-row embedding matrices are never held twice.
 */
public final class Npy {

  /** Little-endian float32. */
  public static final String FLOAT32 = "<f4";

  /** Little-endian float64. */
  public static final String FLOAT64 = "<f8";

  /** Little-endian int32. */
  public static final String INT32 = "<i4";

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int V1_PREAMBLE = MAGIC.length + 2 + 2;
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * A parsed header.
   *
   * @param dtype numpy type string, e.g. {@code <f4}
   * @param shape dimensions (1 or 2)
   * @param dataOffset bytes from the start of the file to the first data byte
   */
  public record Header(String dtype, int[] shape, int dataOffset) {
    /** Number of elements. */
    public long count() {
      return Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y);
    }
  }

  /** A malformed or unsupported file: what was expected, what was found, and why. */
  public static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String found;
    private final String reason;

    FormatException(String expected, String found, String reason) {
      super(reason + " (expected " + expected + ", found " + found + ")");
      this.expected = expected;
      this.found = found;
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }

    public String expected() {
      return expected;
    }

    public String found() {
      return found;
    }
  }

  /**
   * The version-1.0 preamble (magic, version, length, padded dict) for an array of {@code dtype}
   * and shape.
   */
  public static byte[] header(String dtype, long... shape) {
    if (shape.length < 1 || shape.length > 2) {
      throw new IllegalArgumentException("1 or 2 dimensions supported, got " + shape.length);
    }
    String dims = shape.length == 1 ? shape[0] + "," : shape[0] + ", " + shape[1];
    StringBuilder dict =
        new StringBuilder(
            "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims + "), }");
    while ((V1_PREAMBLE + dict.length() + 1) % ALIGN != 0) {
      dict.append(' ');
    }
    dict.append('\n');
    ByteBuffer buf =
        ByteBuffer.allocate(V1_PREAMBLE + dict.length()).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length());
    buf.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
    return buf.array();
  }

  /**
   * Writes the preamble for an array of {@code dtype} and shape; the caller then writes the data.
   */
  public static void writeHeader(OutputStream out, String dtype, long... shape) throws IOException {
    out.write(header(dtype, shape));
  }

  /** Parses the header at the start of a whole file's bytes. */
  public static Header parseHeader(byte[] file) throws FormatException {
    try {
      return readHeader(new java.io.ByteArrayInputStream(file));
    } catch (java.io.EOFException e) {
      throw new FormatException(
          "header within file", file.length + " bytes", "truncated .npy header");
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
  }

  /** Reads and parses the header, leaving {@code in} at the first data byte. */
  public static Header readHeader(InputStream in) throws IOException, FormatException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length + 2];
    data.readFully(magic);
    if (!Arrays.equals(Arrays.copyOf(magic, MAGIC.length), MAGIC)) {
      throw new FormatException("magic \\x93NUMPY", "other bytes", "not a .npy file");
    }
    int major = magic[MAGIC.length];
    int length;
    int start;
    if (major == 1) {
      length = data.readUnsignedByte() | data.readUnsignedByte() << 8;
      start = V1_PREAMBLE;
    } else if (major == 2) {
      length = Integer.reverseBytes(data.readInt());
      start = V1_PREAMBLE + 2;
    } else {
      throw new FormatException(
          ".npy version 1 or 2", String.valueOf(major), "unsupported .npy version");
    }
    if (length < 0) {
      throw new FormatException(
          "header length >= 0", String.valueOf(length), "corrupt .npy header");
    }
    byte[] dict = new byte[length];
    data.readFully(dict);
    String header = new String(dict, StandardCharsets.US_ASCII);
    String dtype = group(DESCR, header, "descr");
    if (!"False".equals(group(FORTRAN, header, "fortran_order"))) {
      throw new FormatException(
          "fortran_order False", "True", "column-major arrays are not supported");
    }
    return new Header(dtype, parseShape(group(SHAPE, header, "shape")), start + length);
  }

  /**
   * Reads the header and checks that it describes a C-order {@code dtype} matrix {@code [rows,
   * cols]}, leaving {@code in} at the first data byte.
   */
  public static Header readMatrixHeader(InputStream in, String dtype, long rows, long cols)
      throws IOException, FormatException {
    Header h;
    try {
      h = readHeader(in);
    } catch (java.io.EOFException e) {
      throw new FormatException("a .npy header", "end of file", "truncated .npy header");
    }
    String want = dtype + " (" + rows + ", " + cols + ")";
    String got = h.dtype() + " " + Arrays.toString(h.shape());
    if (!h.dtype().equals(dtype)
        || h.shape().length != 2
        || h.shape()[0] != rows
        || h.shape()[1] != cols) {
      throw new FormatException(want, got, "matrix type or shape differs from the manifest");
    }
    return h;
  }

  private static int[] parseShape(String dims) throws FormatException {
    String[] parts =
        Arrays.stream(dims.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    if (parts.length < 1 || parts.length > 2) {
      throw new FormatException("1 or 2 dimensions", "(" + dims + ")", "unsupported rank");
    }
    try {
      return Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new FormatException("integer dimensions", "(" + dims + ")", "bad shape");
    }
  }

  private static String group(Pattern p, String header, String key) throws FormatException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new FormatException(
          "header key '" + key + "'", header.trim(), "incomplete .npy header");
    }
    return m.group(1);
  }

  /** Writes float32 values little-endian. */
  public static void writeFloats(OutputStream out, float[] values) throws IOException {
    ByteBuffer buf =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    out.write(buf.array());
  }

  /** Writes float64 values little-endian. */
  public static void writeDoubles(OutputStream out, double[] values) throws IOException {
    ByteBuffer buf =
        ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(values);
    out.write(buf.array());
  }

  /** Reads {@code n} little-endian float32 values; {@code null} when the stream ends first. */
  public static float[] readFloats(InputStream in, int n) throws IOException {
    ByteBuffer bytes = readExactly(in, (long) n * Float.BYTES);
    if (bytes == null) {
      return null;
    }
    float[] out = new float[n];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  /** Reads {@code n} little-endian float64 values; {@code null} when the stream ends first. */
  public static double[] readDoubles(InputStream in, int n) throws IOException {
    ByteBuffer bytes = readExactly(in, (long) n * Double.BYTES);
    if (bytes == null) {
      return null;
    }
    double[] out = new double[n];
    bytes.asDoubleBuffer().get(out);
    return out;
  }

  private static ByteBuffer readExactly(InputStream in, long length) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("array of " + length + " bytes is too large for one read");
    }
    byte[] bytes = in.readNBytes((int) length);
    return bytes.length == length ? ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN) : null;
  }
}
