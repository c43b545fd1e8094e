package io.llmemb.data.rdata;

import java.util.List;
import java.util.Map;

/**
 * A value read from R's serialization format. Only the types data sets are made of are modelled in
 * detail; language objects, environments and the like are read past and kept as {@link ROpaque}.
 */
public sealed interface RObject {

  /**
   * Attributes by tag in serialized order ({@code names}, {@code class}, {@code levels}, {@code
   * row.names}).
   */
  Map<String, RObject> attributes();

  /** The attribute {@code name}, or {@code null}. */
  default RObject attribute(String name) {
    return attributes().get(name);
  }

  /** R's NULL. */
  record RNull() implements RObject {
    /** The single instance. */
    public static final RNull INSTANCE = new RNull();

    @Override
    public Map<String, RObject> attributes() {
      return Map.of();
    }
  }

  /** A symbol such as an attribute tag. */
  record RSymbol(String name) implements RObject {
    @Override
    public Map<String, RObject> attributes() {
      return Map.of();
    }
  }

  /** A pairlist (LISTSXP and language objects) as parallel tag/value lists; tags may be null. */
  record RPairList(List<String> tags, List<RObject> values, Map<String, RObject> attributes)
      implements RObject {}

  /** A character vector; {@code null} elements are NA_character_. */
  record RStrings(String[] values, Map<String, RObject> attributes) implements RObject {}

  /** An integer vector (also factors); {@link #NA} marks NA_integer_. */
  record RInts(int[] values, Map<String, RObject> attributes) implements RObject {
    /** R's NA_integer_. */
    public static final int NA = Integer.MIN_VALUE;
  }

  /** A logical vector: 0, 1 or {@link RInts#NA}. */
  record RLogicals(int[] values, Map<String, RObject> attributes) implements RObject {}

  /** A double vector. */
  record RReals(double[] values, Map<String, RObject> attributes) implements RObject {}

  /** A generic vector (list, data.frame). */
  record RList(List<RObject> values, Map<String, RObject> attributes) implements RObject {}

  /** A raw vector. */
  record RRaw(byte[] values, Map<String, RObject> attributes) implements RObject {}

  /**
   * Anything read but not interpreted (environment, closure, complex vector...): its SEXP type
   * name.
   */
  record ROpaque(String what, Map<String, RObject> attributes) implements RObject {}
}
