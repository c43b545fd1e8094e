package io.llmemb.bundle;

import io.llmemb.files.Npy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A 1-D or 2-D float32 or int32 array in row-major order, as stored in a bundle's {@code .npy}
 * part, so users open bundle weights with {@code numpy.load}. Exactly one of {@code floats} /
 * {@code ints} is non-null, matching {@code dtype}. The header format itself is {@link Npy}'s;
 * {@link #toNpy()} and {@link #fromNpy} add the whole-file byte form and report problems as {@link
 * BundleException}s naming the part.
 *
 * @param dtype {@link #FLOAT32} or {@link #INT32}
 * @param shape one or two non-negative dimensions
 */
public record NpyArray(String dtype, int[] shape, float[] floats, int[] ints) {

  /** numpy's descr for little-endian float32. */
  public static final String FLOAT32 = Npy.FLOAT32;

  /** numpy's descr for little-endian int32. */
  public static final String INT32 = Npy.INT32;

  /** Validates dtype, rank and that the data length is the product of the shape. */
  public NpyArray {
    if (!FLOAT32.equals(dtype) && !INT32.equals(dtype)) {
      throw new IllegalArgumentException(
          "dtype must be " + FLOAT32 + " or " + INT32 + ", got " + dtype);
    }
    if (shape == null
        || shape.length < 1
        || shape.length > 2
        || Arrays.stream(shape).anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException(
          "shape must be 1 or 2 non-negative dims, got " + Arrays.toString(shape));
    }
    boolean isFloat = FLOAT32.equals(dtype);
    if ((floats != null) != isFloat || (ints != null) == isFloat) {
      throw new IllegalArgumentException(
          "dtype " + dtype + " needs exactly the " + (isFloat ? "floats" : "ints") + " data array");
    }
    long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
    int length = isFloat ? floats.length : ints.length;
    if (size != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + size + " values, data has " + length);
    }
    shape = shape.clone();
  }

  /** A float32 matrix; every row must have the same length. */
  public static NpyArray of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "row " + r + " has " + rows[r].length + " columns, row 0 has " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return new NpyArray(FLOAT32, new int[] {rows.length, cols}, flat, null);
  }

  /** A float32 vector. */
  public static NpyArray of(float[] values) {
    return new NpyArray(FLOAT32, new int[] {values.length}, values.clone(), null);
  }

  /** An int32 vector (e.g. an item-id map or interaction counts). */
  public static NpyArray of(int[] values) {
    return new NpyArray(INT32, new int[] {values.length}, null, values.clone());
  }

  /** The float32 data as a matrix; a vector becomes one row. */
  public float[][] toFloatMatrix() {
    if (floats == null) {
      throw new IllegalStateException("array is " + dtype + ", not " + FLOAT32);
    }
    int rows = shape.length == 2 ? shape[0] : 1;
    int cols = shape.length == 2 ? shape[1] : shape[0];
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = Arrays.copyOfRange(floats, r * cols, (r + 1) * cols);
    }
    return out;
  }

  /** Serialises the array as a version-1.0 {@code .npy} file. */
  public byte[] toNpy() {
    byte[] header = Npy.header(dtype, Arrays.stream(shape).asLongStream().toArray());
    int count = floats != null ? floats.length : ints.length;
    ByteBuffer buf = ByteBuffer.allocate(header.length + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(header);
    if (floats != null) {
      buf.asFloatBuffer().put(floats);
    } else {
      buf.asIntBuffer().put(ints);
    }
    return buf.array();
  }

  /** Parses a {@code .npy} file; {@code name} is the bundle part, used in error messages. */
  public static NpyArray fromNpy(String name, byte[] bytes) throws BundleException {
    Npy.Header h;
    try {
      h = Npy.parseHeader(bytes);
    } catch (Npy.FormatException e) {
      throw malformed(name, e.expected(), e.found(), e.reason());
    }
    String dtype = h.dtype();
    int[] shape = h.shape();
    ByteBuffer data =
        ByteBuffer.wrap(bytes).position(h.dataOffset()).slice().order(ByteOrder.LITTLE_ENDIAN);
    long count = h.count();
    if (data.remaining() != 4 * count) {
      throw malformed(
          name,
          4 * count + " data bytes",
          data.remaining() + " data bytes",
          "data length does not match shape " + Arrays.toString(shape));
    }
    if (FLOAT32.equals(dtype)) {
      float[] f = new float[(int) count];
      data.asFloatBuffer().get(f);
      return new NpyArray(dtype, shape, f, null);
    }
    if (INT32.equals(dtype)) {
      int[] i = new int[(int) count];
      data.asIntBuffer().get(i);
      return new NpyArray(dtype, shape, null, i);
    }
    throw malformed(name, FLOAT32 + " or " + INT32, dtype, "unsupported dtype");
  }

  private static BundleException malformed(
      String name, String expected, String found, String message) {
    return new BundleException(BundleException.Kind.MALFORMED, name, expected, found, message);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a
        && dtype.equals(a.dtype)
        && Arrays.equals(shape, a.shape)
        && Arrays.equals(floats, a.floats)
        && Arrays.equals(ints, a.ints);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape))
        + Arrays.hashCode(floats)
        + Arrays.hashCode(ints);
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
