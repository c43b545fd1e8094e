package io.llmemb.serving.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * JSON answer of {@code GET /items/{id}/similar}.
 *
 * @param itemId the item asked about
 * @param modelVersion release whose item space was searched
 * @param items most similar first (dot product of item vectors), without the item itself or deleted
 *     items
 */
@Serdeable
public record SimilarItemsView(String itemId, String modelVersion, List<ItemScore> items) {}
