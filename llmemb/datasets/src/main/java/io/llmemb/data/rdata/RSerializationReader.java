package io.llmemb.data.rdata;

import static io.llmemb.data.rdata.SexpType.*;

import io.llmemb.data.rdata.RObject.RInts;
import io.llmemb.data.rdata.RObject.RList;
import io.llmemb.data.rdata.RObject.RLogicals;
import io.llmemb.data.rdata.RObject.RNull;
import io.llmemb.data.rdata.RObject.ROpaque;
import io.llmemb.data.rdata.RObject.RPairList;
import io.llmemb.data.rdata.RObject.RRaw;
import io.llmemb.data.rdata.RObject.RReals;
import io.llmemb.data.rdata.RObject.RStrings;
import io.llmemb.data.rdata.RObject.RSymbol;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads R's binary serialization format, XDR flavour, versions 2 and 3 (what {@code saveRDS},
 * {@code save} and the lazy-load databases of installed packages write), following the layout of
 * R's {@code src/main/serialize.c}.
 *
 * <p>Item header: an int whose low byte is the SEXP type, bit 8 "is object", bit 9 "has
 * attributes", bit 10 "has tag" and bits 12+ the "levels" (CHARSXP encoding). Symbols, environments
 * and persistent names enter a reference table that REFSXP items point back into. Persistent
 * references (environments of a lazy-load DB) are returned as {@link ROpaque}.
 */
public final class RSerializationReader {

  private static final int NA_LENGTH = -1;
  private static final int MIN_VERSION = 2;
  private static final int MAX_VERSION = 3;

  private final DataInputStream in;
  private final List<RObject> refs = new ArrayList<>();
  private Charset nativeEncoding = StandardCharsets.UTF_8;

  private RSerializationReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /**
   * Deserializes one object from an uncompressed serialization stream (starting with {@code X\n}).
   */
  public static RObject read(InputStream in) {
    try {
      RSerializationReader r = new RSerializationReader(in);
      r.header();
      return r.item();
    } catch (EOFException e) {
      throw new RFormatException("truncated R serialization stream", e);
    } catch (IOException e) {
      throw new RFormatException("cannot read R serialization: " + e.getMessage(), e);
    }
  }

  /** Deserializes one object from bytes. */
  public static RObject read(byte[] bytes) {
    return read(new ByteArrayInputStream(bytes));
  }

  private void header() throws IOException {
    int f1 = in.readUnsignedByte();
    int f2 = in.readUnsignedByte();
    if (f1 != 'X' || f2 != '\n') {
      String kind =
          f1 == 'A'
              ? "ASCII"
              : f1 == 'B' ? "native binary" : "unknown (0x" + Integer.toHexString(f1) + ")";
      throw new RFormatException(
          "unsupported R serialization format " + kind + "; only XDR ('X\\n') is supported");
    }
    int version = in.readInt();
    in.readInt(); // writer's R version
    in.readInt(); // minimal reader version
    if (version < MIN_VERSION || version > MAX_VERSION) {
      throw new RFormatException("unsupported R serialization version " + version);
    }
    if (version == MAX_VERSION) {
      byte[] enc = new byte[in.readInt()];
      in.readFully(enc);
      String name = new String(enc, StandardCharsets.US_ASCII);
      nativeEncoding = Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
    }
  }

  private RObject item() throws IOException {
    return item(in.readInt());
  }

  private RObject item(int flags) throws IOException {
    int type = flags & 0xFF;
    boolean hasAttr = (flags & HAS_ATTR_BIT) != 0;
    boolean hasTag = (flags & HAS_TAG_BIT) != 0;
    switch (type) {
      case NILVALUE_SXP:
        return RNull.INSTANCE;
      case EMPTYENV_SXP,
      BASEENV_SXP,
      GLOBALENV_SXP,
      UNBOUNDVALUE_SXP,
      MISSINGARG_SXP,
      BASENAMESPACE_SXP:
        return new ROpaque("special:" + type, Map.of());
      case REFSXP:
        {
          int index = flags >> 8;
          if (index == 0) {
            index = in.readInt();
          }
          if (index < 1 || index > refs.size()) {
            throw new RFormatException("reference " + index + " outside table of " + refs.size());
          }
          return refs.get(index - 1);
        }
      case PERSISTSXP, PACKAGESXP, NAMESPACESXP:
        {
          RObject v =
              new ROpaque(
                  (type == PERSISTSXP ? "persistent:" : "namespace:")
                      + String.join(",", stringVec()),
                  Map.of());
          refs.add(v);
          return v;
        }
      case SYMSXP:
        {
          RObject name = item();
          RObject sym =
              new RSymbol(name instanceof RStrings s ? s.values()[0] : String.valueOf(name));
          refs.add(sym);
          return sym;
        }
      case ENVSXP:
        {
          in.readInt(); // locked
          RObject env = new ROpaque("environment", Map.of());
          refs.add(env);
          for (int i = 0; i < 4; i++) {
            item(); // enclosure, frame, hash table, attributes
          }
          return env;
        }
      case LISTSXP, LANGSXP, CLOSXP, PROMSXP, DOTSXP:
        return pairList(flags);
      case EXTPTRSXP:
        {
          RObject ptr = new ROpaque("externalptr", Map.of());
          refs.add(ptr);
          item();
          item();
          return withAttrs(ptr, hasAttr);
        }
      case WEAKREFSXP:
        {
          RObject w = new ROpaque("weakref", Map.of());
          refs.add(w);
          return withAttrs(w, hasAttr);
        }
      case SPECIALSXP, BUILTINSXP:
        {
          byte[] name = new byte[in.readInt()];
          in.readFully(name);
          return new ROpaque("builtin:" + new String(name, StandardCharsets.US_ASCII), Map.of());
        }
      case CHARSXP:
        return new RStrings(new String[] {charsxp(flags)}, Map.of());
      case ALTREP_SXP:
        return altrep();
      case ATTRLISTSXP, ATTRLANGSXP, BCODESXP, CLASSREFSXP, GENERICREFSXP:
        throw new RFormatException(
            "unsupported SEXP type " + type + " (byte code or reference class)");
      default:
        return withAttrs(vector(type), hasAttr, hasTag);
    }
  }

  private RObject vector(int type) throws IOException {
    switch (type) {
      case NILSXP:
        return RNull.INSTANCE;
      case LGLSXP:
        return new RLogicals(ints(length()), Map.of());
      case INTSXP:
        return new RInts(ints(length()), Map.of());
      case REALSXP:
        return new RReals(doubles(length()), Map.of());
      case CPLXSXP:
        doubles(2 * length());
        return new ROpaque("complex", Map.of());
      case STRSXP:
        {
          String[] v = new String[length()];
          for (int i = 0; i < v.length; i++) {
            int f = in.readInt();
            if ((f & 0xFF) != CHARSXP) {
              throw new RFormatException(
                  "STRSXP element " + i + " has type " + (f & 0xFF) + ", expected CHARSXP");
            }
            v[i] = charsxp(f);
          }
          return new RStrings(v, Map.of());
        }
      case VECSXP, EXPRSXP:
        {
          int n = length();
          List<RObject> v = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            v.add(item());
          }
          return new RList(Collections.unmodifiableList(v), Map.of());
        }
      case RAWSXP:
        {
          byte[] b = new byte[length()];
          in.readFully(b);
          return new RRaw(b, Map.of());
        }
      case S4SXP:
        return new ROpaque("S4", Map.of());
      default:
        throw new RFormatException("unsupported SEXP type " + type);
    }
  }

  private RObject withAttrs(RObject v, boolean hasAttr, boolean hasTag) throws IOException {
    if (hasTag) {
      throw new RFormatException("unexpected tag on a vector item");
    }
    return withAttrs(v, hasAttr);
  }

  private RObject withAttrs(RObject v, boolean hasAttr) throws IOException {
    if (!hasAttr) {
      return v;
    }
    Map<String, RObject> attrs = attributes(item());
    return v instanceof ROpaque o
        ? new ROpaque(o.what(), attrs)
        : RVectors.withAttributes(v, attrs);
  }

  /** Reads a pairlist iteratively along its CDR chain so long lists do not recurse deeply. */
  private RObject pairList(int firstFlags) throws IOException {
    List<String> tags = new ArrayList<>();
    List<RObject> values = new ArrayList<>();
    Map<String, RObject> attrs = Map.of();
    int flags = firstFlags;
    int kind = flags & 0xFF;
    while (true) {
      if ((flags & HAS_ATTR_BIT) != 0) {
        Map<String, RObject> a = attributes(item());
        if (values.isEmpty()) {
          attrs = a;
        }
      }
      String tag = null;
      if ((flags & HAS_TAG_BIT) != 0) {
        RObject t = item();
        tag = t instanceof RSymbol s ? s.name() : String.valueOf(t);
      }
      tags.add(tag);
      values.add(item());
      int next = in.readInt();
      if ((next & 0xFF) != LISTSXP) {
        RObject tail = item(next);
        if (!(tail instanceof RNull)) {
          values.add(tail);
          tags.add(null);
        }
        break;
      }
      flags = next;
    }
    RPairList list =
        new RPairList(
            Collections.unmodifiableList(tags), Collections.unmodifiableList(values), attrs);
    return kind == LISTSXP ? list : new ROpaque("language:" + kind, attrs);
  }

  private RObject altrep() throws IOException {
    RObject info = item();
    RObject state = item();
    RObject attr = item();
    if (!(info instanceof RPairList p)
        || p.values().isEmpty()
        || !(p.values().get(0) instanceof RSymbol cls)) {
      throw new RFormatException("malformed ALTREP class info: " + info);
    }
    return AltrepDecoder.decode(cls.name(), state, attributes(attr));
  }

  private static Map<String, RObject> attributes(RObject list) {
    if (list instanceof RNull) {
      return Map.of();
    }
    if (!(list instanceof RPairList p)) {
      throw new RFormatException("attributes are not a pairlist: " + list);
    }
    Map<String, RObject> m = new LinkedHashMap<>();
    for (int i = 0; i < p.values().size(); i++) {
      m.put(p.tags().get(i), p.values().get(i));
    }
    return Collections.unmodifiableMap(m);
  }

  private String charsxp(int flags) throws IOException {
    int len = in.readInt();
    if (len == NA_LENGTH) {
      return null;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    int levels = flags >>> LEVELS_SHIFT;
    Charset cs;
    if ((levels & UTF8_MASK) != 0) {
      cs = StandardCharsets.UTF_8;
    } else if ((levels & (LATIN1_MASK | BYTES_MASK)) != 0) {
      cs = StandardCharsets.ISO_8859_1;
    } else if ((levels & ASCII_MASK) != 0) {
      cs = StandardCharsets.US_ASCII;
    } else {
      cs = nativeEncoding;
    }
    return new String(b, cs);
  }

  private List<String> stringVec() throws IOException {
    if (in.readInt() != 0) {
      throw new RFormatException("names in persistent string vectors are not supported");
    }
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RObject s = item();
      out.add(s instanceof RStrings str ? str.values()[0] : String.valueOf(s));
    }
    return out;
  }

  private int length() throws IOException {
    int len = in.readInt();
    if (len != NA_LENGTH) {
      return len;
    }
    long upper = in.readInt() & 0xFFFFFFFFL;
    long lower = in.readInt() & 0xFFFFFFFFL;
    long n = (upper << 32) | lower;
    if (n > Integer.MAX_VALUE - 8) {
      throw new RFormatException("vector of length " + n + " is too long for this reader");
    }
    return (int) n;
  }

  private int[] ints(int n) throws IOException {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readInt();
    }
    return v;
  }

  private double[] doubles(int n) throws IOException {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}
