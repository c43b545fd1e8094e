package io.llmemb.llm;

/**
 * Counters a {@link TextEncoder} may expose so callers can report truncation (docs/llmemb-method.md
 * §8: log how many prompts exceed the token limit) and throughput in tokens.
 */
public interface TokenStatistics {

  /** Prompts cut at {@link TextEncoder#maxTokens()} since creation. */
  long truncatedPrompts();

  /** Real (non-padding) tokens encoded since creation. */
  long tokensEncoded();
}
