package io.llmemb.schemas;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerdes;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic catalog of the architecture (docs/architecture.md, "Topics"): string keys, Avro
 * values in the Confluent wire format. Built once from a serde config map, e.g. {@code
 * Topics.create(Map.of("schema.registry.url", "http://localhost:8081"))}, and passed to whoever
 * needs it; it is immutable, so tests build their own with a {@code mock://scope} URL instead of
 * resetting statics.
 *
 * @param items {@value TopicNames#CATALOG_ITEMS}: itemId to {@link Item}
 * @param interactions {@value TopicNames#INTERACTIONS}: userId to {@link Interaction}
 * @param itemEmbeddings {@value TopicNames#ITEM_EMBEDDINGS}: itemId to {@link ItemEmbedding}
 * @param modelReleases {@value TopicNames#MODEL_RELEASES}: model name to {@link ModelRelease}
 * @param recommendations {@value TopicNames#RECOMMENDATIONS}: userId to {@link Recommendations}
 */
public record Topics(
    Topic<String, Item> items,
    Topic<String, Interaction> interactions,
    Topic<String, ItemEmbedding> itemEmbeddings,
    Topic<String, ModelRelease> modelReleases,
    Topic<String, Recommendations> recommendations) {

  /** Validates every component; the message names the bad one. */
  public Topics {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(itemEmbeddings, "itemEmbeddings");
    Objects.requireNonNull(modelReleases, "modelReleases");
    Objects.requireNonNull(recommendations, "recommendations");
  }

  /**
   * The catalog with value serdes configured from {@code serdeConfig} (the {@link
   * io.llmemb.schemas.serde.AvroSerdeConfig} keys).
   */
  public static Topics create(Map<String, ?> serdeConfig) {
    AvroSerdeConfig config = AvroSerdeConfig.from(serdeConfig);
    // One registry client, so every topic's serdes share one id cache.
    return create(SchemaRegistryClients.create(config.registry()), config);
  }

  /** The catalog with value serdes over an existing registry client. */
  public static Topics create(SchemaRegistryClient client, AvroSerdeConfig config) {
    return new Topics(
        topic(TopicNames.CATALOG_ITEMS, Item.class, client, config),
        topic(TopicNames.INTERACTIONS, Interaction.class, client, config),
        topic(TopicNames.ITEM_EMBEDDINGS, ItemEmbedding.class, client, config),
        topic(TopicNames.MODEL_RELEASES, ModelRelease.class, client, config),
        topic(TopicNames.RECOMMENDATIONS, Recommendations.class, client, config));
  }

  private static <V extends SpecificRecord> Topic<String, V> topic(
      String name, Class<V> type, SchemaRegistryClient client, AvroSerdeConfig config) {
    return new Topic<>(name, Serdes.String(), AvroSerdes.specific(type, client, config, false));
  }
}
