package io.llmemb.schemas;

import java.util.List;

/**
 * Names and retention policy of every topic in the architecture (one place; the dev stack, the
 * services and the tests all read these constants).
 */
public final class TopicNames {

  /** Item catalog; key itemId, value {@code Item}; compacted. */
  public static final String CATALOG_ITEMS = "catalog.items";

  /** User interactions; key userId, value {@code Interaction}; time retention. */
  public static final String INTERACTIONS = "tracking.interactions";

  /** LLM item embeddings; key itemId, value {@code ItemEmbedding}; compacted. */
  public static final String ITEM_EMBEDDINGS = "catalog.item_embeddings";

  /** Released models; key model name, value {@code ModelRelease}; compacted. */
  public static final String MODEL_RELEASES = "models.releases";

  /** Next-item recommendations; key userId, value {@code Recommendations}; time retention. */
  public static final String RECOMMENDATIONS = "recs.next_items";

  /** Suffix of a topic's dead-letter topic. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** A topic and whether it is log-compacted. */
  public record Spec(String name, boolean compacted) {}

  /** Every data topic of the architecture, in data-flow order. */
  public static final List<Spec> ALL =
      List.of(
          new Spec(CATALOG_ITEMS, true),
          new Spec(INTERACTIONS, false),
          new Spec(ITEM_EMBEDDINGS, true),
          new Spec(MODEL_RELEASES, true),
          new Spec(RECOMMENDATIONS, false));

  private TopicNames() {}

  /** Whether {@code topic} is a dead-letter topic. */
  public static boolean isDlq(String topic) {
    return topic != null && topic.endsWith(DLQ_SUFFIX);
  }

  /** Dead-letter topic of {@code topic}. */
  public static String dlq(String topic) {
    return topic + DLQ_SUFFIX;
  }
}
