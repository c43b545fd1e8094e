package io.llmemb.serving.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One item of a REST answer.
 *
 * @param itemId raw item id
 * @param score model score, comparable within one list
 */
@Serdeable
public record ItemScore(String itemId, float score) {}
