package io.llmemb.text;

import java.util.Map;

/**
 * Turns one item's ordered attributes into the LLMEmb item prompt (docs/llmemb-method.md §2):
 * instruction, then {@code "<key> is <value>; "} per kept attribute in raw key order, final {@code
 * "; "} cut.
 */
public interface PromptTemplate {

  /** Dataset kind this template serves. */
  String kind();

  /** Instruction prefix, e.g. {@code "The movie has the following attributes: \n "}. */
  String instruction();

  /** The prompt for one item; an empty map gives the instruction alone. */
  String build(Map<String, Object> attributes);

  /** Text describing every rule that affects the output; hashed into the prompt version. */
  String rulesDescription();
}
