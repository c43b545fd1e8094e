package io.llmemb.embeddingworker;

/**
 * The prompt of one catalog item and its hash.
 *
 * @param itemId raw item id
 * @param prompt exact text given to the encoder
 * @param promptHash hex SHA-256 of {@code prompt}; the worker re-embeds an item only when it
 *     changes
 */
public record PromptedItem(String itemId, String prompt, String promptHash) {}
