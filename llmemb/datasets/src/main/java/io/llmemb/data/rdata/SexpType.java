package io.llmemb.data.rdata;

/** SEXP type codes and serialization pseudo-types of R's serialize.c (Rinternals.h). */
final class SexpType {

  static final int NILSXP = 0;
  static final int SYMSXP = 1;
  static final int LISTSXP = 2;
  static final int CLOSXP = 3;
  static final int ENVSXP = 4;
  static final int PROMSXP = 5;
  static final int LANGSXP = 6;
  static final int SPECIALSXP = 7;
  static final int BUILTINSXP = 8;
  static final int CHARSXP = 9;
  static final int LGLSXP = 10;
  static final int INTSXP = 13;
  static final int REALSXP = 14;
  static final int CPLXSXP = 15;
  static final int STRSXP = 16;
  static final int DOTSXP = 17;
  static final int VECSXP = 19;
  static final int EXPRSXP = 20;
  static final int BCODESXP = 21;
  static final int EXTPTRSXP = 22;
  static final int WEAKREFSXP = 23;
  static final int RAWSXP = 24;
  static final int S4SXP = 25;

  static final int ALTREP_SXP = 238;
  static final int ATTRLISTSXP = 239;
  static final int ATTRLANGSXP = 240;
  static final int BASEENV_SXP = 241;
  static final int EMPTYENV_SXP = 242;
  static final int GENERICREFSXP = 245;
  static final int CLASSREFSXP = 246;
  static final int PERSISTSXP = 247;
  static final int PACKAGESXP = 248;
  static final int NAMESPACESXP = 249;
  static final int BASENAMESPACE_SXP = 250;
  static final int MISSINGARG_SXP = 251;
  static final int UNBOUNDVALUE_SXP = 252;
  static final int GLOBALENV_SXP = 253;
  static final int NILVALUE_SXP = 254;
  static final int REFSXP = 255;

  /** Flag bits of an item header. */
  static final int IS_OBJECT_BIT = 1 << 8;

  static final int HAS_ATTR_BIT = 1 << 9;
  static final int HAS_TAG_BIT = 1 << 10;
  static final int LEVELS_SHIFT = 12;

  /** CHARSXP encoding bits in the levels field. */
  static final int BYTES_MASK = 1 << 1;

  static final int LATIN1_MASK = 1 << 2;
  static final int UTF8_MASK = 1 << 3;
  static final int ASCII_MASK = 1 << 6;

  private SexpType() {}
}
