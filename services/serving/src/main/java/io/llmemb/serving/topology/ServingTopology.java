package io.llmemb.serving.topology;

import io.llmemb.schemas.Topic;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.LastGoodRelease;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelReleases;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The serving topology (docs/architecture.md): {@code tracking.interactions} to {@code
 * recs.next_items} through the per-user sequence store, with {@code catalog.item_embeddings} and
 * {@code models.releases} as global stores that keep the item index and the model current on every
 * instance. Store names are constants because the REST layer queries them.
 */
public final class ServingTopology {

  /** userId to the last maxSeqLen raw item ids, oldest first (RocksDB, changelog-backed). */
  public static final String SEQUENCES_STORE = "user-sequences";

  /**
   * userId to the last recommendations emitted for them (served by {@code GET
   * /users/{id}/recommendations}).
   */
  public static final String RECOMMENDATIONS_STORE = "user-recommendations";

  /** itemId to raw embedding (global). */
  public static final String EMBEDDINGS_STORE = "item-embeddings";

  /** model name to latest release (global). */
  public static final String RELEASES_STORE = "model-releases";

  static final String INTERACTIONS_SOURCE = "interactions";
  static final String RECOMMEND = "recommend";
  static final String RECS_SINK = "recommendations";

  private ServingTopology() {}

  /** Builds the topology around the given model state; nothing is started. */
  public static Topology build(
      Topics topics,
      ServingSettings settings,
      ModelHolder holder,
      ItemVectors vectors,
      ModelReleases releases,
      ServingMetrics metrics,
      DeadLetterWriter deadLetters,
      LastGoodRelease lastGood) {
    Topology topology = new Topology();
    Topic<String, Interaction> interactions = topics.interactions();
    topology.addSource(
        INTERACTIONS_SOURCE,
        interactions.keySerde().deserializer(),
        interactions.valueSerde().deserializer(),
        interactions.name());
    topology.addProcessor(
        RECOMMEND,
        () ->
            new RecommendProcessor(
                settings, holder, vectors.ages(), metrics, deadLetters, interactions),
        INTERACTIONS_SOURCE);
    topology.addStateStore(sequenceStore(), RECOMMEND);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RECOMMENDATIONS_STORE),
            Serdes.String(),
            topics.recommendations().valueSerde()),
        RECOMMEND);
    topology.addSink(
        RECS_SINK,
        topics.recommendations().name(),
        topics.recommendations().keySerde().serializer(),
        topics.recommendations().valueSerde().serializer(),
        RECOMMEND);

    topology.addGlobalStore(
        globalStore(EMBEDDINGS_STORE, topics.itemEmbeddings().valueSerde()),
        "item-embeddings-source",
        topics.itemEmbeddings().keySerde().deserializer(),
        topics.itemEmbeddings().valueSerde().deserializer(),
        topics.itemEmbeddings().name(),
        "item-embeddings-updater",
        () -> new EmbeddingsUpdater(vectors, topics.itemEmbeddings(), deadLetters, metrics));
    topology.addGlobalStore(
        globalStore(RELEASES_STORE, topics.modelReleases().valueSerde()),
        "model-releases-source",
        topics.modelReleases().keySerde().deserializer(),
        topics.modelReleases().valueSerde().deserializer(),
        topics.modelReleases().name(),
        "model-releases-updater",
        () -> new ReleasesUpdater(releases, lastGood));
    return topology;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static StoreBuilder<KeyValueStore<String, List<String>>> sequenceStore() {
    Serde<List<String>> serde = (Serde) Serdes.ListSerde(ArrayList.class, Serdes.String());
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SEQUENCES_STORE), Serdes.String(), serde);
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> globalStore(
      String name, Serde<V> valueSerde) {
    // Global stores are restored from their source topic, so they must not have a changelog of
    // their own.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
        .withLoggingDisabled();
  }
}
