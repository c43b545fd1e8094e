package io.llmemb.text;

import io.llmemb.data.ItemCatalog;
import io.llmemb.llm.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item prompts for a whole catalog (method doc §2).
 *
 * @param prompts prompt per mapped item id (index 0 is padding and null)
 * @param version prompt version: hash of template kind, instruction, rules and {@link #RULES_REVISION}
 * @param instructionOnly items whose prompt is the instruction alone (no metadata; counted, not dropped)
 */
public record ItemPrompts(List<String> prompts, String version, int instructionOnly) {

  /** Bump when a rule changes in code, so old artifacts are recognisably stale. */
  public static final int RULES_REVISION = 1;
  private static final int VERSION_CHARS = 12;
  private static final Logger LOG = LoggerFactory.getLogger(ItemPrompts.class);

  public ItemPrompts {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(version, "version");
    if (prompts.isEmpty() || prompts.get(0) != null) {
      throw new IllegalArgumentException("prompts must start with a null padding entry at index 0");
    }
  }

  /** Builds the prompt of every item of the catalog with the template of its kind. */
  public static ItemPrompts build(ItemCatalog catalog) {
    PromptTemplate template = PromptTemplates.forKind(catalog.kind());
    List<String> out = new ArrayList<>(catalog.attributes().size());
    out.add(null);
    int bare = 0;
    for (int id = 1; id <= catalog.numItems(); id++) {
      Map<String, Object> attrs = catalog.attributes().get(id);
      String prompt = template.build(attrs == null ? Map.of() : attrs);
      if (prompt.equals(template.instruction())) {
        bare++;
      }
      out.add(prompt);
    }
    if (bare > 0) {
      LOG.warn("{} of {} items have no attributes and get the instruction-only prompt", bare,
          catalog.numItems());
    }
    return new ItemPrompts(Collections.unmodifiableList(out), versionOf(template), bare);
  }

  /** Version string of a template: {@code <kind>-<12 hex of sha256>}. */
  public static String versionOf(PromptTemplate t) {
    String text = t.kind() + "\u0000" + t.instruction() + "\u0000" + t.rulesDescription() + "\u0000"
        + RULES_REVISION;
    return t.kind() + "-" + Sha256.ofString(text).substring(0, VERSION_CHARS);
  }

  /** Number of items (largest mapped id). */
  public int numItems() {
    return prompts.size() - 1;
  }
}
