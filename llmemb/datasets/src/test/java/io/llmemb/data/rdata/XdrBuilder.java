package io.llmemb.data.rdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Hand-assembles R XDR serialization streams for tests, item by item, as serialize.c writes them.
 */
final class XdrBuilder {

  static final int UTF8 = 1 << 3;
  static final int LATIN1 = 1 << 2;
  static final int ASCII = 1 << 6;
  static final int OBJ = 1 << 8;
  static final int ATTR = 1 << 9;
  static final int TAG = 1 << 10;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  /** Stream header of the given version (3 adds the native encoding). */
  XdrBuilder header(int version) {
    raw('X', '\n');
    i(version).i(0x040201).i(0x030500);
    if (version == 3) {
      i(5);
      raw('U', 'T', 'F', '-', '8');
    }
    return this;
  }

  XdrBuilder raw(char... cs) {
    for (char c : cs) {
      bytes.write(c);
    }
    return this;
  }

  XdrBuilder i(int v) {
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  XdrBuilder d(double v) {
    try {
      out.writeDouble(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A CHARSXP with encoding flags in its levels, or NA when {@code s} is null. */
  XdrBuilder chars(String s, int levels, Charset cs) {
    i(9 | (levels << 12));
    if (s == null) {
      return i(-1);
    }
    byte[] b = s.getBytes(cs);
    i(b.length);
    bytes.write(b, 0, b.length);
    return this;
  }

  XdrBuilder chars(String s) {
    return chars(s, s == null ? 0 : UTF8, StandardCharsets.UTF_8);
  }

  /** A new symbol (enters the reference table). */
  XdrBuilder sym(String name) {
    i(1);
    return chars(name, ASCII, StandardCharsets.US_ASCII);
  }

  XdrBuilder strings(int flags, String... values) {
    i(16 | flags).i(values.length);
    for (String v : values) {
      chars(v);
    }
    return this;
  }

  XdrBuilder ints(int flags, int... values) {
    i(13 | flags).i(values.length);
    for (int v : values) {
      i(v);
    }
    return this;
  }

  XdrBuilder reals(int flags, double... values) {
    i(14 | flags).i(values.length);
    for (double v : values) {
      d(v);
    }
    return this;
  }

  /**
   * A tagged pairlist cell header; the caller writes tag, value, then the next cell or {@link
   * #nil()}.
   */
  XdrBuilder cell() {
    return i(2 | TAG);
  }

  XdrBuilder nil() {
    return i(254);
  }

  /** A back reference to table entry {@code index} (1-based), packed in the flags. */
  XdrBuilder ref(int index) {
    return i(255 | (index << 8));
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }
}
