package io.llmemb.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An item's metadata as read from a dataset file.
 *
 * <p>Values are a {@code String} or a {@code List<String>}; the map keeps the key order of the raw
 * record because the prompt rules (docs/llmemb-method.md §2) write attributes in that order.
 *
 * @param rawId raw item id
 * @param attributes ordered attributes, the id field excluded
 */
public record RawItem(String rawId, Map<String, Object> attributes) {

  public RawItem {
    Objects.requireNonNull(rawId, "rawId");
    Objects.requireNonNull(attributes, "attributes");
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object v = e.getValue();
      boolean ok =
          v instanceof String
              || (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance));
      if (!ok) {
        throw new IllegalArgumentException(
            "attribute '"
                + e.getKey()
                + "' of item "
                + rawId
                + " must be a String or List<String>, was "
                + (v == null ? "null" : v.getClass().getSimpleName()));
      }
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
