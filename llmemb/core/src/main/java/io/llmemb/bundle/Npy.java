package io.llmemb.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bundle's {@code .npy} parts ({@link NpyArray}: 1-D or 2-D float32 or int32), so users open bundle weights
 * with {@code numpy.load}. The header format itself is {@link io.llmemb.files.Npy}'s; this class adds the
 * whole-file byte form and reports problems as {@link BundleException}s naming the part.
 */
public final class Npy {

  private Npy() {}

  /** Serialises the array as a version-1.0 {@code .npy} file. */
  public static byte[] write(NpyArray a) {
    long[] shape = Arrays.stream(a.shape()).asLongStream().toArray();
    byte[] header = io.llmemb.files.Npy.header(a.dtype(), shape);
    int count = a.floats() != null ? a.floats().length : a.ints().length;
    ByteBuffer buf = ByteBuffer.allocate(header.length + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(header);
    if (a.floats() != null) {
      buf.asFloatBuffer().put(a.floats());
    } else {
      buf.asIntBuffer().put(a.ints());
    }
    return buf.array();
  }

  /** Parses a {@code .npy} file; {@code name} is the bundle part, used in error messages. */
  public static NpyArray read(String name, byte[] bytes) throws BundleException {
    io.llmemb.files.Npy.Header h;
    try {
      h = io.llmemb.files.Npy.parseHeader(bytes);
    } catch (io.llmemb.files.Npy.FormatException e) {
      throw malformed(name, e.expected(), e.found(), e.reason());
    }
    String dtype = h.dtype();
    int[] shape = h.shape();
    ByteBuffer data = ByteBuffer.wrap(bytes).position(h.dataOffset()).slice().order(ByteOrder.LITTLE_ENDIAN);
    long count = h.count();
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

  private static BundleException malformed(String name, String expected, String found, String message) {
    return new BundleException(BundleException.Kind.MALFORMED, name, expected, found, message);
  }
}
