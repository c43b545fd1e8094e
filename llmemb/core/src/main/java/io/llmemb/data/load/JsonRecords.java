package io.llmemb.data.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON-lines record into an insertion-ordered map, falling back to a Python literal for
 * the Amazon-2014 metadata dumps (one {@code str(dict)} per line with single quotes), and converts
 * values to the {@code String}/{@code List<String>} attribute form.
 */
public final class JsonRecords {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JsonRecords() {}

  /**
   * Strict JSON object, or a Python dict literal; throws {@link IllegalArgumentException} when
   * neither parses.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String line) {
    try {
      return MAPPER.readValue(line, MAP);
    } catch (JsonProcessingException json) {
      Object v;
      try {
        v = PythonLiteralParser.parse(line);
      } catch (IllegalArgumentException py) {
        throw new IllegalArgumentException(
            "neither JSON ("
                + json.getOriginalMessage()
                + ") nor a Python dict ("
                + py.getMessage()
                + ")");
      }
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException("record is not an object");
      }
      return (Map<String, Object>) v;
    }
  }

  /** Strict JSON object only (reviews files). */
  public static Map<String, Object> parseJson(String line) {
    try {
      return MAPPER.readValue(line, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Attribute form of a parsed value: strings stay, a list of scalars becomes a list of their
   * {@code str()}, a list whose first element is a list (Amazon-2014 {@code categories}: list of
   * category paths) becomes its first path because the prompt uses only {@code value[0]}
   * (docs/llmemb-method.md §2), anything else (dicts, numbers) becomes Python's {@code str()} of it
   * as the prompt notebooks write it.
   */
  public static Object attribute(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof List<?> list) {
      if (!list.isEmpty() && list.get(0) instanceof List<?> first) {
        return attribute(first);
      }
      if (list.stream().noneMatch(e -> e instanceof Map || e instanceof List)) {
        List<String> out = new ArrayList<>(list.size());
        list.forEach(e -> out.add(PythonRepr.str(e)));
        return out;
      }
    }
    return PythonRepr.str(value);
  }

  /** Text of a required field, or {@code null} when absent or null. */
  public static String text(Map<String, Object> rec, String key) {
    Object v = rec.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
