package io.llmemb.text;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Value renderings shared by the dataset templates (docs/llmemb-method.md §2). */
final class AttributeRules {

  /** Amazon's character cap per attribute value. */
  static final int AMAZON_CUT = 100;

  private static final String LIST_SEPARATOR = ", ";

  private AttributeRules() {}

  /** Python {@code str()} of a value as the notebooks render it: lists and maps in repr form. */
  static String pythonStr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .map(AttributeRules::pythonRepr)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> pythonRepr(e.getKey()) + ": " + pythonRepr(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return value.toString();
  }

  private static String pythonRepr(Object value) {
    return value instanceof String s ? "'" + s + "'" : pythonStr(value);
  }

  /** List elements joined with ", "; an empty list becomes "none". */
  static String joinList(List<?> list) {
    if (list.isEmpty()) {
      return "none";
    }
    return list.stream().map(AttributeRules::pythonStr).collect(Collectors.joining(LIST_SEPARATOR));
  }

  /**
   * Amazon text hygiene: newlines become spaces, ';' becomes '.' (so ';' only separates
   * attributes).
   */
  static String amazonClean(String s) {
    return s.replace('\n', ' ').replace(';', '.');
  }

  /** Amazon scalar rule: cut to 100 characters when longer. */
  static String amazonScalar(Object value) {
    String s = amazonClean(pythonStr(value));
    return s.length() > AMAZON_CUT ? s.substring(0, AMAZON_CUT) : s;
  }

  /**
   * Amazon list rule as the notebooks implement it: every element followed by ", ", the string cut
   * to 100 characters, then its last 2 characters removed (a real 2 characters when the cut
   * happened; trap §7.11).
   */
  static String amazonList(List<?> list) {
    if (list.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : list) {
      sb.append(amazonClean(pythonStr(o))).append(LIST_SEPARATOR);
    }
    String s = sb.length() > AMAZON_CUT ? sb.substring(0, AMAZON_CUT) : sb.toString();
    return s.substring(0, s.length() - LIST_SEPARATOR.length());
  }
}
