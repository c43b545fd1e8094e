package io.llmemb.serving.scoring;

/**
 * One ranked row of {@link ItemRows}.
 *
 * @param row the row
 * @param score dot product with the query, higher is better
 */
public record ScoredRow(int row, float score) {}
