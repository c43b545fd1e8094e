package io.llmemb.data.rdata;

import io.llmemb.data.rdata.RObject.RInts;
import io.llmemb.data.rdata.RObject.RList;
import io.llmemb.data.rdata.RObject.RLogicals;
import io.llmemb.data.rdata.RObject.RReals;
import io.llmemb.data.rdata.RObject.RStrings;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * An R lazy-load database ({@code <base>.rdx} + {@code <base>.rdb}), as installed packages keep
 * their data sets.
 *
 * <p>The {@code .rdx} index is a gzip-compressed serialized list {@code list(variables, references,
 * compressed)}; {@code variables} maps each name to an integer pair (offset, length) into {@code
 * .rdb}. Each {@code .rdb} entry is a 4-byte big-endian uncompressed length followed by a zlib
 * stream ({@code compressed = TRUE}); with {@code compressed = 2/3} a type byte follows the length:
 * 'Z' zlib, '0' none, '2' bzip2, 'X' xz.
 */
public final class RLazyLoadDb {

  private static final int LENGTH_BYTES = 4;
  private static final int GZIP_MAGIC = 0x1f8b;

  private final Path rdb;
  private final List<String> names;
  private final RList offsets;
  private final int compression;

  private RLazyLoadDb(Path rdb, List<String> names, RList offsets, int compression) {
    this.rdb = rdb;
    this.names = names;
    this.offsets = offsets;
    this.compression = compression;
  }

  /** Opens {@code base.rdx}/{@code base.rdb}, e.g. {@code .../dslabs/data/Rdata}. */
  public static RLazyLoadDb open(Path base) {
    Path rdx = base.resolveSibling(base.getFileName() + ".rdx");
    Path rdb = base.resolveSibling(base.getFileName() + ".rdb");
    if (!Files.isRegularFile(rdx) || !Files.isRegularFile(rdb)) {
      throw new RFormatException("lazy-load database " + base + " needs " + rdx + " and " + rdb);
    }
    RObject index;
    try (InputStream in = indexStream(rdx)) {
      index = RSerializationReader.read(in);
    } catch (IOException e) {
      throw new RFormatException(rdx + ": cannot read index: " + e.getMessage(), e);
    }
    if (!(index instanceof RList list) || !(list.attribute("names") instanceof RStrings keys)) {
      throw new RFormatException(rdx + ": index is not a named list");
    }
    List<String> keyList = List.of(keys.values());
    int vi = keyList.indexOf("variables");
    if (vi < 0
        || !(list.values().get(vi) instanceof RList vars)
        || !(vars.attribute("names") instanceof RStrings varNames)) {
      throw new RFormatException(rdx + ": index has no named 'variables' list");
    }
    int ci = keyList.indexOf("compressed");
    int compression = ci < 0 ? 1 : compressionOf(list.values().get(ci));
    return new RLazyLoadDb(rdb, List.of(varNames.values()), vars, compression);
  }

  /** Names of the stored variables. */
  public List<String> names() {
    return names;
  }

  /** Reads and deserializes variable {@code name}. */
  public RObject get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new RFormatException(rdb + ": no variable '" + name + "' (have " + names + ")");
    }
    if (!(offsets.values().get(i) instanceof RInts pos) || pos.values().length != 2) {
      throw new RFormatException(rdb + ": bad offset entry for '" + name + "'");
    }
    byte[] entry = new byte[pos.values()[1]];
    try (RandomAccessFile f = new RandomAccessFile(rdb.toFile(), "r")) {
      f.seek(Integer.toUnsignedLong(pos.values()[0]));
      f.readFully(entry);
    } catch (IOException e) {
      throw new RFormatException(rdb + ": cannot read entry '" + name + "': " + e.getMessage(), e);
    }
    try (InputStream in = new BufferedInputStream(decompress(entry, name))) {
      return RSerializationReader.read(in);
    } catch (IOException e) {
      throw new RFormatException(rdb + ": entry '" + name + "': " + e.getMessage(), e);
    }
  }

  private InputStream decompress(byte[] entry, String name) {
    int start = LENGTH_BYTES;
    char type = 'Z';
    if (compression >= 2) {
      type = (char) entry[LENGTH_BYTES];
      start++;
    }
    ByteArrayInputStream body = new ByteArrayInputStream(entry, start, entry.length - start);
    return switch (type) {
      case 'Z' -> new InflaterInputStream(body);
      case '0' -> body;
      case '2', 'X' ->
          throw new RFormatException(
              rdb
                  + ": entry '"
                  + name
                  + "' is "
                  + (type == '2' ? "bzip2" : "xz")
                  + "-compressed, which this reader does not support");
      default ->
          throw new RFormatException(
              rdb + ": entry '" + name + "' has unknown compression type '" + type + "'");
    };
  }

  private static int compressionOf(RObject v) {
    if (v instanceof RLogicals l && l.values().length == 1) {
      return l.values()[0] == 0 ? 0 : 1;
    }
    if (v instanceof RReals r && r.values().length == 1) {
      return (int) r.values()[0];
    }
    if (v instanceof RInts r && r.values().length == 1) {
      return r.values()[0];
    }
    throw new RFormatException("bad 'compressed' entry in lazy-load index: " + v);
  }

  private static InputStream indexStream(Path rdx) throws IOException {
    byte[] all = Files.readAllBytes(rdx);
    boolean gzip = all.length > 2 && ((all[0] & 0xFF) << 8 | (all[1] & 0xFF)) == GZIP_MAGIC;
    if (gzip) {
      return new GZIPInputStream(new ByteArrayInputStream(all));
    }
    // Older R wrote the index like an .rdb entry: length prefix then zlib.
    return new InflaterInputStream(
        new ByteArrayInputStream(all, LENGTH_BYTES, all.length - LENGTH_BYTES));
  }
}
