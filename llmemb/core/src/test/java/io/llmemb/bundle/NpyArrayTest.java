package io.llmemb.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyArrayTest {

  /**
   * Header numpy 2.4 writes for {@code np.save(f, np.arange(6, dtype='<f4').reshape(2, 3))}: 118
   * bytes, 128 total.
   */
  private static final String NUMPY_MATRIX_HEADER =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(58) + "\n";

  @Test
  void matrixBytesAreWhatNumpyWrites() {
    byte[] bytes = NpyArray.of(new float[][] {{0, 1, 2}, {3, 4, 5}}).toNpy();
    assertEquals(152, bytes.length, "numpy's file for this array is 152 bytes");
    assertArrayEquals(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 'v', 0}, Arrays.copyOf(bytes, 10));
    assertEquals(NUMPY_MATRIX_HEADER, new String(bytes, 10, 118, StandardCharsets.US_ASCII));
    // 1.0f little-endian at the second element.
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Arrays.copyOfRange(bytes, 132, 136));
  }

  @Test
  void roundTripsFloatMatricesAndIntVectors() throws BundleException {
    NpyArray m = NpyArray.of(new float[][] {{1.5f, -2f}, {Float.MIN_VALUE, 3e7f}, {0f, -0f}});
    NpyArray back = NpyArray.fromNpy("m.npy", m.toNpy());
    assertEquals(m, back);
    assertArrayEquals(new int[] {3, 2}, back.shape());
    assertArrayEquals(new float[] {Float.MIN_VALUE, 3e7f}, back.toFloatMatrix()[1]);
    NpyArray ids = NpyArray.of(new int[] {7, -1, 3});
    byte[] bytes = ids.toNpy();
    assertEquals(140, bytes.length, "numpy's file for int32 [7, -1, 3] is 140 bytes");
    assertEquals(ids, NpyArray.fromNpy("ids.npy", bytes));
    assertEquals(
        NpyArray.of(new float[0][]),
        NpyArray.fromNpy("empty.npy", NpyArray.of(new float[0][]).toNpy()));
  }

  @Test
  void malformedFilesAreRefusedByName() {
    byte[] good = NpyArray.of(new int[] {1, 2, 3}).toNpy();
    BundleException truncated =
        assertThrows(
            BundleException.class,
            () -> NpyArray.fromNpy("ids.npy", Arrays.copyOf(good, good.length - 1)));
    assertEquals("ids.npy", truncated.file());
    assertEquals("12 data bytes", truncated.expected());
    assertEquals("11 data bytes", truncated.found());
    byte[] float64 = good.clone();
    // Header offset 10 + "{'descr': '<" (12 chars): rewrite "<i4" as "<f8", a dtype this reader
    // refuses.
    float64[22] = 'f';
    float64[23] = '8';
    BundleException dtype =
        assertThrows(BundleException.class, () -> NpyArray.fromNpy("x.npy", float64));
    assertEquals("<f8", dtype.found());
    assertThrows(
        BundleException.class,
        () -> NpyArray.fromNpy("x.npy", "not numpy".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new float[][] {{1}, {1, 2}}));
  }
}
