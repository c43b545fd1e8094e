package io.llmemb.devstack.cli;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The value class of each data topic, to parse CLI JSON into the record the topic's serde expects.
 */
final class TopicTypes {

  private static final Map<String, Class<? extends SpecificRecord>> VALUE_TYPES =
      Map.of(
          TopicNames.CATALOG_ITEMS, Item.class,
          TopicNames.INTERACTIONS, Interaction.class,
          TopicNames.ITEM_EMBEDDINGS, ItemEmbedding.class,
          TopicNames.MODEL_RELEASES, ModelRelease.class,
          TopicNames.RECOMMENDATIONS, Recommendations.class);

  private TopicTypes() {}

  /** Value class of {@code topic}; the error lists the supported topics. */
  static Class<? extends SpecificRecord> valueType(String topic) {
    Class<? extends SpecificRecord> type = VALUE_TYPES.get(topic);
    if (type == null) {
      throw new IllegalArgumentException(
          "topic '"
              + topic
              + "' has no Avro value type; use one of "
              + VALUE_TYPES.keySet().stream().sorted().toList());
    }
    return type;
  }

  /** The typed topic (name + serdes) of {@code topic} from the catalog. */
  @SuppressWarnings("unchecked")
  static Topic<String, SpecificRecord> topic(Topics topics, String topic) {
    valueType(topic);
    List<Topic<String, ?>> all =
        List.of(
            topics.items(),
            topics.interactions(),
            topics.itemEmbeddings(),
            topics.modelReleases(),
            topics.recommendations());
    return (Topic<String, SpecificRecord>)
        (Topic<String, ?>)
            all.stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
  }
}
