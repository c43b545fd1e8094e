package io.llmemb.schemas;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sample records of every schema, and fresh mock registry URLs, shared by the tests. */
public final class Fixtures {

  /** A fixed instant with millisecond precision (timestamp-millis drops finer digits). */
  public static final Instant T0 = Instant.parse("2026-11-25T04:00:00.123Z");

  private Fixtures() {}

  /** A {@code mock://} URL naming a scope no other test uses. */
  public static String freshMockUrl() {
    return "mock://test-" + UUID.randomUUID();
  }

  /** A MovieLens-like item. */
  public static Item movie(String id, boolean deleted) {
    return Item.newBuilder()
        .setItemId(id)
        .setTitle("Toy Story")
        .setCategories(List.of("Adventure", "Animation", "Children"))
        .setAttributes(List.of(new ItemAttribute("year", "1995")))
        .setSource("movielens")
        .setDeleted(deleted)
        .setUpdatedAt(T0)
        .build();
  }

  /** An Amazon-like item with every optional field set. */
  public static Item product() {
    return Item.newBuilder()
        .setItemId("B000052YJM")
        .setTitle("Shampoo")
        .setCategory("Beauty")
        .setCategories(List.of("Beauty", "Hair Care"))
        .setBrand("Acme")
        .setPrice(12.5)
        .setDescription("Gentle; for daily use.")
        .setAttributes(
            List.of(new ItemAttribute("salesRank", "1234"), new ItemAttribute("size", "250 ml")))
        .setSource("amazon-beauty")
        .setUpdatedAt(T0)
        .build();
  }

  /** A rating interaction. */
  public static Interaction rating(String user, String item, double stars) {
    return new Interaction(user, item, InteractionType.RATE, stars, T0);
  }

  /** A 4-dimensional embedding. */
  public static ItemEmbedding embedding(String item) {
    return new ItemEmbedding(
        item, List.of(0.25f, -1.5f, 3.0f, 0f), "ab12", "all-minilm-l6-v2@1.19.0", "v1", T0);
  }

  /** A model release with metrics. */
  public static ModelRelease release() {
    return ModelRelease.newBuilder()
        .setModelName("llmemb-sasrec")
        .setVersion("2026.11.25-1")
        .setUri("file:///models/llmemb-sasrec/2026.11.25-1")
        .setSha256("00ff")
        .setBackbone("SASRec")
        .setLlmVersion("all-minilm-l6-v2@1.19.0")
        .setPromptVersion("v1")
        .setEmbeddingDim(384)
        .setMaxSeqLen(200)
        .setNumItems(9066)
        .setMetrics(Map.of("hr@10", 0.61, "ndcg@10", 0.37))
        .setCreatedAt(T0)
        .build();
  }

  /** A two-item recommendation list whose second item took an exploration slot. */
  public static Recommendations recommendations(String user) {
    return new Recommendations(
        user,
        List.of(new ScoredItem("1", 2.5f), new ScoredItem("7", 1.25f)),
        "2026.11.25-1",
        T0,
        T0.plusMillis(40),
        List.of(1));
  }
}
