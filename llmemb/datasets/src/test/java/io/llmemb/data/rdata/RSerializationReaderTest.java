package io.llmemb.data.rdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.rdata.RObject.RInts;
import io.llmemb.data.rdata.RObject.RList;
import io.llmemb.data.rdata.RObject.RStrings;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RSerializationReaderTest {

  @TempDir Path tmp;

  /**
   * {@code data.frame(id = c(7L, NA), genre = factor(c("b", "a")), name = c("Café", NA))} with
   * compact row names {@code c(NA, -2)}, as R writes it: attributes pairlist (names, class,
   * row.names) after the list elements; the second use of the symbol "levels"/"class" is a REFSXP.
   */
  static byte[] dataFrame(int version) {
    XdrBuilder b = new XdrBuilder().header(version);
    b.i(19 | XdrBuilder.OBJ | XdrBuilder.ATTR).i(3);
    b.ints(0, 7, RInts.NA);
    b.ints(XdrBuilder.OBJ | XdrBuilder.ATTR, 2, 1);
    b.cell().sym("levels").strings(0, "a", "b"); // refs: 1 = levels
    b.cell().sym("class").strings(0, "factor"); // refs: 2 = class
    b.nil();
    b.i(16).i(2).chars("Café", XdrBuilder.LATIN1, StandardCharsets.ISO_8859_1).chars(null);
    b.cell().sym("names").strings(0, "id", "genre", "name"); // refs: 3 = names
    b.cell().ref(2).strings(0, "data.frame");
    b.cell().sym("row.names").ints(0, RInts.NA, -2);
    b.nil();
    return b.bytes();
  }

  @Test
  void readsDataFrameWithFactorNaLatin1AndReferences() {
    for (int version : new int[] {2, 3}) {
      RDataFrame df = RDataFrame.of(RSerializationReader.read(dataFrame(version)));
      assertEquals(List.of("id", "genre", "name"), df.columnNames());
      assertEquals(2, df.rows());
      assertArrayEquals(new String[] {"7", null}, RVectors.asStrings(df.column("id")));
      assertArrayEquals(
          new String[] {"b", "a"}, RVectors.asStrings(df.column("genre")), "factor codes → levels");
      assertArrayEquals(new String[] {"Café", null}, RVectors.asStrings(df.column("name")));
      assertTrue(Double.isNaN(RVectors.asDoubles(df.column("id"))[1]));
    }
  }

  @Test
  void expandsAltrepCompactIntSequence() {
    XdrBuilder b = new XdrBuilder().header(3);
    b.i(238); // ALTREP_SXP: info pairlist (class, package, type), state, attributes
    b.i(2).sym("compact_intseq").i(2).sym("base").i(2).ints(0, 13).nil();
    b.reals(0, 4, 10, 1);
    b.nil();
    RObject v = RSerializationReader.read(b.bytes());
    assertArrayEquals(new int[] {10, 11, 12, 13}, ((RInts) v).values());
  }

  @Test
  void rejectsAsciiFormatAndTruncation() {
    byte[] ascii = "A\n3\n".getBytes(StandardCharsets.US_ASCII);
    RFormatException e =
        assertThrows(RFormatException.class, () -> RSerializationReader.read(ascii));
    assertTrue(e.getMessage().contains("ASCII"), e.getMessage());
    byte[] full = dataFrame(3);
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 9);
    assertThrows(RFormatException.class, () -> RSerializationReader.read(cut));
  }

  /**
   * Writes Rdata.rdb with one entry (length, optional type byte, body) and the gzip index; returns
   * the base.
   */
  private Path database(String dir, int compressed, char type, boolean zlib) throws Exception {
    Path base = Files.createDirectories(tmp.resolve(dir)).resolve("Rdata");
    byte[] payload = dataFrame(3);
    ByteArrayOutputStream rdb = new ByteArrayOutputStream();
    DataOutputStream rdbOut = new DataOutputStream(rdb);
    rdbOut.writeInt(payload.length);
    if (compressed >= 2) {
      rdbOut.writeByte(type);
    }
    if (zlib) {
      try (DeflaterOutputStream z = new DeflaterOutputStream(rdbOut)) {
        z.write(payload);
      }
    } else {
      rdbOut.write(payload);
    }
    int entryLength = rdb.size();
    Files.write(base.resolveSibling("Rdata.rdb"), rdb.toByteArray());

    XdrBuilder idx = new XdrBuilder().header(3);
    idx.i(19 | XdrBuilder.ATTR).i(3);
    idx.i(19 | XdrBuilder.ATTR).i(1).ints(0, 0, entryLength);
    idx.cell().sym("names").strings(0, "films").nil();
    idx.nil(); // references: NULL
    if (compressed == 1) {
      idx.i(10).i(1).i(1); // compressed = TRUE
    } else {
      idx.reals(0, compressed);
    }
    idx.cell().ref(1).strings(0, "variables", "references", "compressed").nil();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(base.resolveSibling("Rdata.rdx")))) {
      gz.write(idx.bytes());
    }
    return base;
  }

  @Test
  void lazyLoadDatabaseWithZlibEntriesAndGzipIndex() throws Exception {
    RLazyLoadDb db = RLazyLoadDb.open(database("z", 1, 'Z', true));
    assertEquals(List.of("films"), db.names());
    RObject films = db.get("films");
    assertEquals(3, ((RList) films).values().size());
    assertNull(((RStrings) ((RList) films).values().get(2)).values()[1]);
    assertThrows(RFormatException.class, () -> db.get("nope"));
  }

  @Test
  void compressionTypeByteIsHonouredOrRejectedClearly() throws Exception {
    assertEquals(
        3, ((RList) RLazyLoadDb.open(database("t0", 2, '0', false)).get("films")).values().size());
    assertEquals(
        3, ((RList) RLazyLoadDb.open(database("tz", 2, 'Z', true)).get("films")).values().size());
    RLazyLoadDb bz = RLazyLoadDb.open(database("t2", 2, '2', false));
    RFormatException e = assertThrows(RFormatException.class, () -> bz.get("films"));
    assertTrue(e.getMessage().contains("bzip2"), e.getMessage());
  }
}
