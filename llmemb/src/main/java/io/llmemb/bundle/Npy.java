package io.llmemb.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy {@code .npy} format, version 1.0, for the arrays of {@link NpyArray}: users open bundle weights with
 * {@code numpy.load}. Layout: magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length, an
 * ASCII Python-dict header padded with spaces to a multiple of 64 bytes and ending in a newline, then the raw
 * little-endian row-major data. Reading also accepts version 2.0 (uint32 header length).
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Serialises the array as a version-1.0 {@code .npy} file. */
  public static byte[] write(NpyArray a) {
    String dims = a.shape().length == 1 ? a.shape()[0] + "," : a.shape()[0] + ", " + a.shape()[1];
    StringBuilder header = new StringBuilder("{'descr': '" + a.dtype() + "', 'fortran_order': False, 'shape': ("
        + dims + "), }");
    int preamble = MAGIC.length + 2 + 2;
    while ((preamble + header.length() + 1) % ALIGN != 0) {
      header.append(' ');
    }
    header.append('\n');
    int count = a.floats() != null ? a.floats().length : a.ints().length;
    ByteBuffer buf = ByteBuffer.allocate(preamble + header.length() + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.toString().getBytes(StandardCharsets.US_ASCII));
    if (a.floats() != null) {
      buf.asFloatBuffer().put(a.floats());
    } else {
      buf.asIntBuffer().put(a.ints());
    }
    return buf.array();
  }

  /** Parses a {@code .npy} file; {@code name} is the bundle part, used in error messages. */
  public static NpyArray read(String name, byte[] bytes) throws BundleException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw malformed(name, "magic \\x93NUMPY", "other bytes", "not a .npy file");
    }
    int major = bytes[6];
    int headerLength;
    int start;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(buf.getShort(8));
      start = 10;
    } else if (major == 2 && bytes.length >= 12) {
      headerLength = buf.getInt(8);
      start = 12;
    } else {
      throw malformed(name, ".npy version 1 or 2", String.valueOf(major), "unsupported .npy version");
    }
    if (headerLength < 0 || start + headerLength > bytes.length) {
      throw malformed(name, "header within file", headerLength + " bytes", "truncated .npy header");
    }
    String header = new String(bytes, start, headerLength, StandardCharsets.US_ASCII);
    String dtype = group(name, DESCR, header, "descr");
    if (!"False".equals(group(name, FORTRAN, header, "fortran_order"))) {
      throw malformed(name, "fortran_order False", "True", "column-major arrays are not supported");
    }
    int[] shape = parseShape(name, group(name, SHAPE, header, "shape"));
    ByteBuffer data = buf.position(start + headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
    long count = Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y);
    if (data.remaining() != 4 * count) {
      throw malformed(name, 4 * count + " data bytes", data.remaining() + " data bytes",
          "data length does not match shape " + Arrays.toString(shape));
    }
    if (NpyArray.FLOAT32.equals(dtype)) {
      float[] f = new float[(int) count];
      data.asFloatBuffer().get(f);
      return new NpyArray(dtype, shape, f, null);
    }
    if (NpyArray.INT32.equals(dtype)) {
      int[] i = new int[(int) count];
      data.asIntBuffer().get(i);
      return new NpyArray(dtype, shape, null, i);
    }
    throw malformed(name, NpyArray.FLOAT32 + " or " + NpyArray.INT32, dtype, "unsupported dtype");
  }

  private static int[] parseShape(String name, String dims) throws BundleException {
    String[] parts = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
    if (parts.length < 1 || parts.length > 2) {
      throw malformed(name, "1 or 2 dimensions", "(" + dims + ")", "unsupported rank");
    }
    try {
      return Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw malformed(name, "integer dimensions", "(" + dims + ")", "bad shape");
    }
  }

  private static String group(String name, Pattern p, String header, String key) throws BundleException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw malformed(name, "header key '" + key + "'", header.trim(), "incomplete .npy header");
    }
    return m.group(1);
  }

  private static BundleException malformed(String name, String expected, String found, String message) {
    return new BundleException(BundleException.Kind.MALFORMED, name, expected, found, message);
  }
}
