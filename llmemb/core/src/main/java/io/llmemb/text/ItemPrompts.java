package io.llmemb.text;

import io.llmemb.data.ItemCatalog;
import io.llmemb.files.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item prompts for a whole catalog (docs/llmemb-method.md §2).
 *
 * @param prompts prompt per mapped item id (index 0 is padding and null)
 * @param version prompt version: hash of template kind, instruction, rules and {@link
 *     #RULES_REVISION}
 * @param counts bad or unusual input (items without metadata, missing values, non-Latin text):
 *     counted, not dropped
 */
public record ItemPrompts(List<String> prompts, String version, PromptCounts counts) {

  /** Bump when a rule changes in code, so old artifacts are recognisably stale. */
  public static final int RULES_REVISION = 1;

  private static final int VERSION_CHARS = 12;
  private static final Logger LOG = LoggerFactory.getLogger(ItemPrompts.class);

  public ItemPrompts {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(counts, "counts");
    if (prompts.isEmpty() || prompts.get(0) != null) {
      throw new IllegalArgumentException("prompts must start with a null padding entry at index 0");
    }
  }

  /** Builds the prompt of every item of the catalog with the template of its kind. */
  public static ItemPrompts build(ItemCatalog catalog) {
    return build(catalog, PromptTemplates.forKind(catalog.kind()));
  }

  /** Builds the prompt of every item of the catalog with {@code template}, counting bad input. */
  public static ItemPrompts build(ItemCatalog catalog, PromptTemplate template) {
    List<String> out = new ArrayList<>(catalog.attributes().size());
    out.add(null);
    int bare = 0;
    int empty = 0;
    int nonLatin = 0;
    for (int id = 1; id <= catalog.numItems(); id++) {
      Map<String, Object> attrs = catalog.attributes().get(id);
      String prompt = template.build(attrs == null ? Map.of() : attrs);
      if (prompt.equals(template.instruction())) {
        bare++;
      }
      if (attrs != null && attrs.values().stream().anyMatch(ItemPrompts::isMissing)) {
        empty++;
      }
      if (hasNonLatinLetter(prompt)) {
        nonLatin++;
      }
      out.add(prompt);
    }
    PromptCounts counts = new PromptCounts(bare, empty, nonLatin);
    if (!counts.equals(PromptCounts.NONE)) {
      LOG.warn(
          "{} items: {} without attributes (instruction-only prompt), {} with missing values, {} with "
              + "non-Latin text; all kept",
          catalog.numItems(),
          bare,
          empty,
          nonLatin);
    }
    return new ItemPrompts(Collections.unmodifiableList(out), versionOf(template), counts);
  }

  private static boolean isMissing(Object value) {
    return value == null
        || value instanceof String s && s.isBlank()
        || value instanceof List<?> l && l.isEmpty();
  }

  /**
   * True when a letter of another script than Latin occurs (digits, punctuation and accents are
   * fine).
   */
  static boolean hasNonLatinLetter(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isLetter(c)
                    && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN);
  }

  /** Version string of a template: {@code <kind>-<12 hex of sha256>}. */
  public static String versionOf(PromptTemplate t) {
    String text =
        t.kind()
            + "\u0000"
            + t.instruction()
            + "\u0000"
            + t.rulesDescription()
            + "\u0000"
            + RULES_REVISION;
    return t.kind() + "-" + Sha256.of(text).substring(0, VERSION_CHARS);
  }

  /** Items whose prompt is the instruction alone. */
  public int instructionOnly() {
    return counts.instructionOnly();
  }

  /** Number of items (largest mapped id). */
  public int numItems() {
    return prompts.size() - 1;
  }
}
