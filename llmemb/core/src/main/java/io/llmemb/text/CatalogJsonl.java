package io.llmemb.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmemb.data.ItemCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link ItemCatalog} from JSON lines, one item per line in mapped-id order (line 1 = id
 * 1): {@code {"item": "<raw id>", "attributes": {"title": "...", "genres": ["...", ...]}}}.
 * Attribute key order is kept; arrays become lists of strings, other values their text. A stand-in
 * until the data module's loaders feed catalogs directly; the format is also handy for
 * user-provided metadata.
 */
public final class CatalogJsonl {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogJsonl() {}

  /** Parses the file; a malformed line fails with its file and line number. */
  public static ItemCatalog read(Path file, String kind) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> attrs = new ArrayList<>();
    ids.add(null);
    attrs.add(null);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(
              file + ":" + lineNo + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.hasNonNull("item")) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": missing field 'item'");
        }
        ids.add(node.get("item").asText());
        attrs.add(attributes(node.get("attributes")));
      }
    }
    return new ItemCatalog(kind, ids, attrs);
  }

  private static Map<String, Object> attributes(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  private static Object value(JsonNode v) {
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      v.forEach(x -> list.add(value(x)));
      return list;
    }
    if (v.isNull()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
