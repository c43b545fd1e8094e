package io.llmemb.text;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A {@link PromptTemplate} defined by data: instruction, dropped keys and a value renderer per
 * (key, value).
 *
 * @param kind dataset kind
 * @param instruction instruction prefix
 * @param droppedKeys keys never written (ids, URLs, coordinates, ...)
 * @param renderer renders one kept value given its key
 * @param rulesDescription human-readable rules, part of the version hash
 */
record AttributePrompt(
    String kind,
    String instruction,
    Set<String> droppedKeys,
    BiFunction<String, Object, String> renderer,
    String rulesDescription)
    implements PromptTemplate {

  private static final String SEPARATOR = "; ";

  AttributePrompt {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(instruction, "instruction");
    droppedKeys = Set.copyOf(droppedKeys);
    Objects.requireNonNull(renderer, "renderer");
    Objects.requireNonNull(rulesDescription, "rulesDescription");
  }

  @Override
  public String build(Map<String, Object> attributes) {
    StringBuilder sb = new StringBuilder(instruction);
    boolean any = false;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (droppedKeys.contains(e.getKey())) {
        continue;
      }
      sb.append(e.getKey())
          .append(" is ")
          .append(renderer.apply(e.getKey(), e.getValue()))
          .append(SEPARATOR);
      any = true;
    }
    if (any) {
      sb.setLength(sb.length() - SEPARATOR.length());
    }
    return sb.toString();
  }
}
