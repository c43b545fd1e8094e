package io.llmemb.data.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one Python literal (dict, list, tuple, str, int, float, True/False/None) as written by
 * Python's {@code str(dict)}, which is how the Amazon-2014 metadata dumps store each line ({@code
 * {'asin': '...', ...}}). Strict JSON is accepted too ({@code true/false/null}, double quotes).
 *
 * <p>Dicts become insertion-ordered {@code LinkedHashMap}s, lists and tuples {@code List}s, numbers
 * {@code Long} or {@code Double}, None/null {@code null}.
 */
public final class PythonLiteralParser {

  private final String s;
  private int pos;

  private PythonLiteralParser(String s) {
    this.s = s;
  }

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} with the character offset on bad
   * input.
   */
  public static Object parse(String text) {
    PythonLiteralParser p = new PythonLiteralParser(text);
    Object v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  private Object value() {
    skipSpace();
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return dict();
      case '[':
        return sequence(']');
      case '(':
        return sequence(')');
      case '\'':
      case '"':
        return string();
      default:
        if (isStringPrefix(c)) {
          pos++;
          return string();
        }
        return atom();
    }
  }

  private Map<String, Object> dict() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      Object key = value();
      skipSpace();
      expect(':');
      map.put(String.valueOf(key), value());
      if (!separator('}')) {
        return map;
      }
    }
  }

  private List<Object> sequence(char close) {
    List<Object> list = new ArrayList<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == close) {
        pos++;
        return list;
      }
      list.add(value());
      if (!separator(close)) {
        return list;
      }
    }
  }

  /**
   * After an element: consumes ',' (returns true to continue) or the closing bracket (returns
   * false).
   */
  private boolean separator(char close) {
    skipSpace();
    char c = peek();
    pos++;
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    pos--;
    throw error("expected ',' or '" + close + "'");
  }

  private String string() {
    char quote = s.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= s.length()) {
        break;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '0' -> sb.append('\0');
        case 'x' -> sb.append((char) hex(2));
        case 'u' -> sb.append((char) hex(4));
        case 'U' -> sb.appendCodePoint(hex(8));
        default -> sb.append(e);
      }
    }
    throw error("unterminated string");
  }

  private int hex(int digits) {
    if (pos + digits > s.length()) {
      throw error("truncated escape");
    }
    int v = Integer.parseInt(s.substring(pos, pos + digits), 16);
    pos += digits;
    return v;
  }

  private Object atom() {
    int start = pos;
    while (pos < s.length()
        && ",:]})".indexOf(s.charAt(pos)) < 0
        && !Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
    String tok = s.substring(start, pos);
    switch (tok) {
      case "True", "true":
        return Boolean.TRUE;
      case "False", "false":
        return Boolean.FALSE;
      case "None", "null":
        return null;
      default:
        break;
    }
    try {
      return Long.parseLong(tok);
    } catch (NumberFormatException notLong) {
      try {
        return Double.parseDouble(tok);
      } catch (NumberFormatException notNumber) {
        pos = start;
        throw error("unexpected token '" + tok + "'");
      }
    }
  }

  /** Python 2 dumps may write {@code u'...'}, byte strings {@code b'...'}. */
  private boolean isStringPrefix(char c) {
    return (c == 'u' || c == 'b')
        && pos + 1 < s.length()
        && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"');
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + pos);
  }
}
