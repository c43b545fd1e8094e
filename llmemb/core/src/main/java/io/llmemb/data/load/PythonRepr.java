package io.llmemb.data.load;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a parsed value the way Python's {@code str()} does, because the official prompt notebooks
 * (docs/llmemb-method.md §2) write dict- and list-valued attributes (Yelp {@code attributes}/{@code
 * hours}, Amazon-2018 {@code details}, {@code category}) through plain string conversion.
 */
public final class PythonRepr {

  private PythonRepr() {}

  /** {@code str(value)} of the top-level value: strings are written bare, nested ones quoted. */
  public static String str(Object value) {
    return value instanceof String text ? text : repr(value);
  }

  /** {@code repr(value)}: strings quoted as Python quotes them. */
  public static String repr(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("None");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (v instanceof String text) {
      quote(sb, text);
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        write(sb, e.getKey());
        sb.append(": ");
        write(sb, e.getValue());
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(sb, list.get(i));
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  /** Python prefers single quotes and switches to double quotes when the text has a ' and no ". */
  private static void quote(StringBuilder sb, String text) {
    char q = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    sb.append(q);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\r') {
        sb.append("\\r");
      } else {
        sb.append(c);
      }
    }
    sb.append(q);
  }
}
