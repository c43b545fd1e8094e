package io.llmemb.serving.topology;

import static io.llmemb.serving.model.DotModel.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.eval.ExposurePolicy;
import io.llmemb.schemas.DeadLetterDeserializationHandler;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.InputLimits;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.DotModel;
import io.llmemb.serving.model.ItemAges;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.LastGoodRelease;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelReleases;
import io.llmemb.serving.model.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving topology on TopologyTestDriver with a {@link DotModel}: user vector = mean of the
 * history's item vectors, so every expected ranking below can be worked out by hand (hidden 2,
 * top-K 2).
 */
class ServingTopologyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String NAME = "recs";

  private final String scope = "serving-" + UUID.randomUUID();
  private final Topics topics =
      Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));
  private final Map<String, DotModel> bundles = new HashMap<>();
  private SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MockProducer<byte[], byte[]> dlqProducer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private ModelHolder holder = new ModelHolder();

  /** Letters the processors wrote (global stores and the recommend processor). */
  private final List<ProducerRecord<byte[], byte[]>> processorLetters = new ArrayList<>();

  private final TestClock clock = new TestClock(T0);

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Interaction> interactions;
  private TestInputTopic<String, byte[]> rawInteractions;
  private TestInputTopic<String, ItemEmbedding> embeddings;
  private TestInputTopic<String, ModelRelease> releases;
  private TestOutputTopic<String, Recommendations> recs;

  @BeforeEach
  void start() {
    // a, b lean to the first axis, c, d to the second: a user who saw a gets b first, then d, then
    // c.
    bundles.put(
        "v1",
        new DotModel(
            "v1",
            "sha-v1",
            2,
            ordered(
                item("a", 1f, 0f),
                item("b", 0.9f, 0.1f),
                item("c", 0f, 1f),
                item("d", 0.2f, 0.8f))));
    build(0);
  }

  /** A topology with {@code slots} exploration slots per list (the tests above run with none). */
  private void build(int slots) {
    build(slots, ExposurePolicy.YoungOrder.SCORE);
  }

  private void build(int slots, ExposurePolicy.YoungOrder order) {
    ServingMetrics metrics = new ServingMetrics(meters, holder::indexedItems);
    ItemAges ages = new ItemAges(clock, Duration.ofHours(1));
    metrics.youngItemsGauge(ages::youngCount);
    ItemVectors vectors = new ItemVectors(holder, metrics, ages);
    ModelReleases modelReleases = new ModelReleases(this::load, holder, vectors, metrics, "");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serving-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    props.put(DeadLetterDeserializationHandler.PRODUCER_INSTANCE, dlqProducer);
    driver =
        new TopologyTestDriver(
            ServingTopology.build(
                topics,
                new ServingSettings(2, 10, 4096, slots, order, 1),
                holder,
                vectors,
                modelReleases,
                metrics,
                processorLetters::add,
                LastGoodRelease.inMemory()),
            props);
    interactions =
        driver.createInputTopic(
            TopicNames.INTERACTIONS,
            new StringSerializer(),
            topics.interactions().valueSerde().serializer());
    rawInteractions =
        driver.createInputTopic(
            TopicNames.INTERACTIONS, new StringSerializer(), new ByteArraySerializer());
    embeddings =
        driver.createInputTopic(
            TopicNames.ITEM_EMBEDDINGS,
            new StringSerializer(),
            topics.itemEmbeddings().valueSerde().serializer());
    releases =
        driver.createInputTopic(
            TopicNames.MODEL_RELEASES,
            new StringSerializer(),
            topics.modelReleases().valueSerde().serializer());
    recs =
        driver.createOutputTopic(
            TopicNames.RECOMMENDATIONS,
            new StringDeserializer(),
            topics.recommendations().valueSerde().deserializer());
  }

  /** Starts over (nothing piped yet) with {@code slots} exploration slots per list. */
  private void withSlots(int slots) {
    withSlots(slots, ExposurePolicy.YoungOrder.SCORE);
  }

  private void withSlots(int slots, ExposurePolicy.YoungOrder order) {
    driver.close();
    meters = new SimpleMeterRegistry();
    holder = new ModelHolder();
    build(slots, order);
  }

  @AfterEach
  void stop() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void emitsTopKWithVersionAndTimesAndKeepsTheSequence() {
    release("v1", "sha-v1");
    interact("u1", "a", 5);

    TestRecord<String, Recommendations> out = recs.readRecord();
    assertEquals("u1", out.key());
    assertEquals(List.of("b", "d"), ids(out.value()));
    assertEquals(0.9f, out.value().getItems().get(0).getScore(), 1e-6);
    assertEquals("v1", out.value().getModelVersion());
    assertEquals(T0.plusSeconds(5), out.value().getEventTime());
    assertTrue(
        !out.value().getEmittedAt().isBefore(out.value().getEventTime()),
        "emittedAt is wall clock");
    KeyValueStore<String, List<String>> sequences =
        driver.getKeyValueStore(ServingTopology.SEQUENCES_STORE);
    assertEquals(List.of("a"), sequences.get("u1"));
    KeyValueStore<String, Recommendations> latest =
        driver.getKeyValueStore(ServingTopology.RECOMMENDATIONS_STORE);
    assertEquals(out.value(), latest.get("u1"));
  }

  @Test
  void dropsEveryItemTheUserHasSeen() {
    release("v1", "sha-v1");
    interact("u1", "a", 1);
    interact("u1", "b", 2);

    List<Recommendations> out = recs.readValuesToList();
    assertEquals(List.of("b", "d"), ids(out.get(0)));
    // mean(a, b) = (0.95, 0.05): d (0.23) beats c (0.05); a and b are seen.
    assertEquals(List.of("d", "c"), ids(out.get(1)));
  }

  @Test
  void aBrandNewItemIsScorableAsSoonAsItsEmbeddingArrives() {
    release("v1", "sha-v1");
    interact("u1", "a", 1);
    assertEquals(List.of("b", "d"), ids(recs.readValue()));

    embed("new", 2f, 0f, 0.5f);
    interact("u1", "c", 2);

    // mean(a, c) = (0.5, 0.5): new scores 1.0, b 0.5, d 0.5 (tie kept in row order). No release in
    // between.
    Recommendations out = recs.readValue();
    assertEquals(List.of("new", "b"), ids(out));
    assertEquals("v1", out.getModelVersion());
    assertEquals(5, holder.current().orElseThrow().index().size());
  }

  @Test
  void aTombstoneRemovesTheItemAndANewEmbeddingBringsItBack() {
    release("v1", "sha-v1");
    embed("new", 2f, 0f);
    embeddings.pipeInput("new", null);
    embeddings.pipeInput("b", null);
    interact("u1", "a", 1);
    assertEquals(List.of("d", "c"), ids(recs.readValue()));

    embed("b", 0f, 0f);
    interact("u2", "a", 2);
    assertEquals(
        List.of("b", "d"),
        ids(recs.readValue()),
        "b's trained vector is used again, not the embedding");
  }

  @Test
  void aBadBundleIsRefusedAndTheOldModelKeepsServing() {
    release("v1", "sha-v1");
    bundles.put(
        "v2", new DotModel("v2", "sha-v2", 2, ordered(item("a", 0f, 1f), item("b", 1f, 0f))));
    release("v2", "sha-other"); // checksum differs from the bundle's manifest
    release("v3", "sha-v3"); // the loader cannot find it
    bundles.put("v4", new DotModel("v4", "sha-v4", 2, ordered(item("a", Float.NaN, 0f))));
    release("v4", "sha-v4"); // a broken weight
    interact("u1", "a", 1);

    assertEquals("v1", recs.readValue().getModelVersion());
    assertEquals(
        2.0,
        meters.get("llmemb.serving.bundles.refused").tag("reason", "verify").counter().count());
    assertEquals(
        1.0, meters.get("llmemb.serving.bundles.refused").tag("reason", "load").counter().count());
    assertFalse(bundles.get("v1").closed());
  }

  @Test
  void aModelReleaseSwapsTheVersionAndReAdaptsNewItems() {
    release("v1", "sha-v1");
    embed("new", 0f, 3f);
    interact("u1", "a", 1);
    assertEquals("v1", recs.readValue().getModelVersion());

    // v2 has a 3-wide space; the new item is adapted again through v2 (first three embedding
    // numbers).
    bundles.put(
        "v2",
        new DotModel(
            "v2",
            "sha-v2",
            3,
            ordered(item("a", 1f, 0f, 0f), item("b", 0f, 1f, 0f), item("x", 0.5f, 0f, 0f))));
    embed("new", 0f, 3f, 0f);
    release("v2", "sha-v2");
    interact("u1", "b", 2);

    Recommendations out = recs.readValue();
    assertEquals("v2", out.getModelVersion());
    // mean(a, b) = (0.5, 0.5, 0): new 1.5, x 0.25; c and d are not in v2's catalogue.
    assertEquals(List.of("new", "x"), ids(out));
    assertEquals(1.0, meters.get("llmemb.serving.model").tag("version", "v2").gauge().value());
  }

  @Test
  void unknownItemsAreKeptButSkippedAtEncodeAndNoModelMeansNoRecs() {
    interact("u1", "a", 1);
    assertTrue(recs.isEmpty(), "no model loaded yet");
    release("v1", "sha-v1");
    interact("u1", "zzz", 2);

    KeyValueStore<String, List<String>> sequences =
        driver.getKeyValueStore(ServingTopology.SEQUENCES_STORE);
    assertEquals(List.of("a", "zzz"), sequences.get("u1"));
    assertEquals(List.of("b", "d"), ids(recs.readValue()), "encoded from a alone");
    assertEquals(1.0, meters.get("llmemb.serving.events.without.model").counter().count());
  }

  @Test
  void malformedAndInvalidInteractionsGoToTheDeadLetterTopicWithReasons() {
    release("v1", "sha-v1");
    rawInteractions.pipeInput("u1", "not avro".getBytes(StandardCharsets.UTF_8));
    interactions.pipeInput("u1", new Interaction("u1", " ", InteractionType.VIEW, null, T0));
    interact("u1", "a", 1);

    List<ProducerRecord<byte[], byte[]>> letters = dlqProducer.history();
    assertEquals(1, letters.size());
    assertEquals(TopicNames.dlq(TopicNames.INTERACTIONS), letters.get(0).topic());
    assertEquals("not avro", new String(letters.get(0).value(), StandardCharsets.UTF_8));
    assertEquals(
        TopicNames.INTERACTIONS,
        DeadLetters.header(letters.get(0), DeadLetters.HEADER_SOURCE_TOPIC));

    assertEquals(1, processorLetters.size(), "the invalid one, written by the processor");
    ProducerRecord<byte[], byte[]> invalid = processorLetters.get(0);
    assertEquals(TopicNames.dlq(TopicNames.INTERACTIONS), invalid.topic());
    assertEquals("itemId is blank", DeadLetters.header(invalid, DeadLetters.HEADER_ERROR_MESSAGE));
    assertEquals(
        InvalidInteractionException.class.getName(),
        DeadLetters.header(invalid, DeadLetters.HEADER_ERROR_CLASS));
    assertEquals(
        TopicNames.INTERACTIONS, DeadLetters.header(invalid, DeadLetters.HEADER_SOURCE_TOPIC));
    assertEquals("1", DeadLetters.header(invalid, DeadLetters.HEADER_SOURCE_OFFSET));
    assertEquals(
        " ",
        topics
            .interactions()
            .valueSerde()
            .deserializer()
            .deserialize(TopicNames.INTERACTIONS, invalid.value())
            .getItemId(),
        "the letter carries the record as it came");
    assertEquals(List.of("b", "d"), ids(recs.readValue()), "the stream went on");
  }

  @Test
  void aYoungItemTakesTheReservedSlotAndTheRecordMarksIt() {
    withSlots(1);
    release("v1", "sha-v1");
    embed("new", 0f, 0.5f);
    interact("u1", "a", 1);

    // the user leans to the first axis: b 0.9, d 0.2, new 0 (c 0 too, but c is not young): the
    // ranking alone would say [b, d]
    Recommendations out = recs.readValue();
    assertEquals(List.of("b", "new"), ids(out));
    assertEquals(List.of(1), out.getExplorationSlots());
    assertEquals(0f, out.getItems().get(1).getScore(), 1e-6, "its own text-view score");
    assertEquals(
        1.0,
        meters
            .get(ServingMetrics.PREFIX + "exploration.slots")
            .tag("model", "v1")
            .counter()
            .count());

    embed("hot", 2f, 0f);
    interact("u2", "a", 2);
    Recommendations earned = recs.readValue();
    assertEquals(List.of("hot", "b"), ids(earned), "the best young item earned first place");
    assertEquals(List.of(), earned.getExplorationSlots(), "so it used no slot");
  }

  /**
   * One slot under {@code order}; young p and q, u1 consumes a: by score (the user leans to the
   * first axis) q 0.1 beats p 0.05, both below d; by text p is closer to a (cosine 0.10 against
   * 0.03). The list u1 gets.
   */
  private Recommendations youngPAndQ(ExposurePolicy.YoungOrder order, boolean textOfA) {
    withSlots(1, order);
    release("v1", "sha-v1");
    if (textOfA) {
      embed("a", 1f, 0f);
    }
    embed("p", 0.05f, 0.5f);
    embed("q", 0.1f, -3f);
    interact("u1", "a", 1);
    return recs.readValue();
  }

  @Test
  void underTheContentOrderTheSlotGoesToTheYoungItemMostLikeTheUsersLatestItem() {
    Recommendations out = youngPAndQ(ExposurePolicy.YoungOrder.CONTENT, true);
    assertEquals(List.of("b", "p"), ids(out), "p took the slot");
    assertEquals(List.of(1), out.getExplorationSlots());
    assertEquals(0.05f, out.getItems().get(1).getScore(), 1e-6, "with the model's own score");

    // A young item the ranking holds counts towards the slots: q scored into the list now.
    embed("r", 0.95f, -1f);
    interact("u2", "a", 2);
    Recommendations held = recs.readValue();
    assertEquals(List.of("r", "b"), ids(held), "r earned its place; no slot was needed");
    assertEquals(List.of(), held.getExplorationSlots());

    Recommendations byScore = youngPAndQ(ExposurePolicy.YoungOrder.SCORE, true);
    assertEquals(List.of("b", "q"), ids(byScore), "by score q is the best young item");
    assertEquals(List.of(1), byScore.getExplorationSlots());
  }

  @Test
  void theContentOrderFallsBackToTheScoreWhenNoHistoryItemHasAText() {
    // a has no embedding record: nothing to compare the young items' texts with
    assertEquals(List.of("b", "q"), ids(youngPAndQ(ExposurePolicy.YoungOrder.CONTENT, false)));
  }

  @Test
  void withoutSlotsYoungItemsCompeteOnScoreAlone() {
    release("v1", "sha-v1");
    embed("new", 0f, 0.5f);
    interact("u1", "a", 1);

    Recommendations out = recs.readValue();
    assertEquals(List.of("b", "d"), ids(out));
    assertEquals(List.of(), out.getExplorationSlots());
  }

  @Test
  void aYoungItemTheUserHasSeenIsNeverShownAndTheSlotGoesToTheNextOne() {
    withSlots(1);
    release("v1", "sha-v1");
    embed("new", 0f, 0.5f);
    interact("u1", "a", 1);
    assertEquals(List.of("b", "new"), ids(recs.readValue()));

    interact("u1", "new", 2);
    assertEquals(List.of("b", "d"), ids(recs.readValue()), "seen: out, and no other young item");

    embed("new2", 0f, 0.1f);
    interact("u1", "c", 3);
    Recommendations out = recs.readValue();
    assertEquals(List.of("b", "new2"), ids(out));
    assertEquals(List.of(1), out.getExplorationSlots());
  }

  @Test
  void anItemOlderThanTheMaxAgeNoLongerGetsTheSlot() {
    withSlots(1);
    release("v1", "sha-v1");
    embed("new", 0f, 0.5f);
    clock.advance(Duration.ofMinutes(59));
    interact("u1", "a", 1);
    assertEquals(List.of("b", "new"), ids(recs.readValue()));

    clock.advance(Duration.ofMinutes(1));
    interact("u2", "a", 2);
    Recommendations out = recs.readValue();
    assertEquals(List.of("b", "d"), ids(out));
    assertEquals(List.of(), out.getExplorationSlots());
    assertEquals(0.0, meters.get(ServingMetrics.PREFIX + "young.items").gauge().value());
  }

  @Test
  void itemsOfTheModelsBundleNeverTakeTheSlot() {
    withSlots(1);
    release("v1", "sha-v1");
    // c's embedding arrives only now, so c is young by age, but the model was trained on it
    embed("c", 0f, 1f);
    interact("u1", "a", 1);
    assertEquals(List.of("b", "d"), ids(recs.readValue()));

    // a young item that a new release was trained on loses the slot
    embed("new", 0f, 0.5f);
    interact("u2", "a", 2);
    assertEquals(List.of("b", "new"), ids(recs.readValue()));
    bundles.put(
        "v2",
        new DotModel(
            "v2",
            "sha-v2",
            2,
            ordered(
                item("a", 1f, 0f),
                item("b", 0.9f, 0.1f),
                item("c", 0f, 1f),
                item("d", 0.2f, 0.8f),
                item("new", 0f, 0.5f))));
    release("v2", "sha-v2");
    interact("u3", "a", 3);
    Recommendations out = recs.readValue();
    assertEquals("v2", out.getModelVersion());
    assertEquals(List.of("b", "d"), ids(out));
    assertEquals(List.of(), out.getExplorationSlots());
  }

  @Test
  void thePrequentialHitRateIsSplitByTheConsumedItemsAgeAndTheListsModel() {
    withSlots(1);
    release("v1", "sha-v1");
    embed("new", 0f, 0.5f);
    interact("u1", "a", 1); // no list yet: not judged; list [b, new]
    interact("u1", "new", 2); // hit on a new item; list [b, d]
    interact("u1", "new", 3); // a repeat: not judged
    clock.advance(Duration.ofHours(2));
    interact("u1", "zzz", 4); // never embedded: unknown age, a miss
    embed("b", 0.9f, 0.1f);
    clock.advance(Duration.ofDays(1));
    interact("u1", "b", 5); // embedding made at T0: older than a day, a hit (first in the list)

    assertEquals(1.0, judged("under-1h"));
    assertEquals(1.0, hits("under-1h"));
    assertEquals(1.0, judged("unknown"));
    assertEquals(0.0, hits("unknown"));
    assertEquals(1.0, judged("older"));
    assertEquals(1.0, hits("older"));
    assertTrue(
        meters
            .find(ServingMetrics.PREFIX + "prequential.judged")
            .tag("age", "under-1d")
            .counters()
            .isEmpty());
    List<Recommendations> lists = recs.readValuesToList();
    assertEquals(5, lists.size());
    assertEquals(
        5.0,
        meters.get(ServingMetrics.PREFIX + "lists.emitted").tag("model", "v1").counter().count());
    // only the first list, [b, new], holds an item under an hour old: u1 has seen new since
    assertEquals(
        1.0,
        meters
            .get(ServingMetrics.PREFIX + "lists.with.new.item")
            .tag("model", "v1")
            .counter()
            .count());
  }

  private double judged(String age) {
    return meters
        .get(ServingMetrics.PREFIX + "prequential.judged")
        .tags("age", age, "model", "v1")
        .counter()
        .count();
  }

  private double hits(String age) {
    return meters
        .get(ServingMetrics.PREFIX + "prequential.hits")
        .tags("age", age, "model", "v1")
        .counter()
        .count();
  }

  private DotModel load(ModelRelease release) throws IOException {
    DotModel model = bundles.get(release.getVersion());
    if (model == null) {
      throw new IOException("no bundle at " + release.getUri());
    }
    return model;
  }

  @Test
  void aUsersStoredSequenceStaysWithinItsByteBoundWhateverTheIds() {
    release("v1", "sha-v1");
    for (int i = 0; i < 40; i++) {
      interact("u1", String.format("%03d", i) + "i".repeat(247), i);
    }
    List<String> stored =
        driver.<String, List<String>>getKeyValueStore(ServingTopology.SEQUENCES_STORE).get("u1");
    assertTrue(
        RecommendProcessor.storedBytes(stored) <= 4096,
        "stored " + RecommendProcessor.storedBytes(stored));
    assertTrue(stored.size() < 40 && stored.size() >= 10, "kept " + stored.size());
    assertEquals("039", stored.get(stored.size() - 1).substring(0, 3), "the newest item is kept");
  }

  @Test
  void idsBeyondTheDocumentedBoundAreDeadLetteredWithTheReason() {
    release("v1", "sha-v1");
    interact("u1", "x".repeat(InputLimits.MAX_ID_CHARS + 1), 1);
    interact("u2", "a", 2);
    assertEquals(1, processorLetters.size());
    ProducerRecord<byte[], byte[]> dead = processorLetters.get(0);
    assertEquals("u1", new String(dead.key(), StandardCharsets.UTF_8));
    assertTrue(DeadLetters.header(dead, DeadLetters.HEADER_ERROR_MESSAGE).contains("at most 256"));
    assertEquals("u2", recs.readRecord().key(), "the next user is served");
  }

  @Test
  void invalidEmbeddingsAreDeadLetteredAndNotIndexed() {
    release("v1", "sha-v1");
    embeddings.pipeInput(
        "k1", new ItemEmbedding("other", List.of(1f, 0f), "h", DotModel.LLM_VERSION, "p1", T0));
    embed("nan", Float.NaN, 1f);
    embed("wide", 1f);
    embed("e", 0.5f, 0.5f);
    assertEquals(
        3,
        processorLetters.size(),
        "key != itemId, NaN and a width the model cannot use dead-lettered");
    for (ProducerRecord<byte[], byte[]> letter : processorLetters) {
      assertEquals(TopicNames.dlq(TopicNames.ITEM_EMBEDDINGS), letter.topic());
      assertEquals(
          InvalidEmbeddingException.class.getName(),
          DeadLetters.header(letter, DeadLetters.HEADER_ERROR_CLASS));
    }
    LiveModel live = holder.current().orElseThrow();
    assertTrue(
        live.index().similar("nan", 1).isEmpty() && live.index().similar("wide", 1).isEmpty());
    assertTrue(live.index().similar("e", 1).isPresent());
  }

  private void release(String version, String sha) {
    releases.pipeInput(
        NAME,
        ModelRelease.newBuilder()
            .setModelName(NAME)
            .setVersion(version)
            .setUri("bundles/" + version)
            .setSha256(sha)
            .setBackbone("mean")
            .setCreatedAt(T0)
            .build());
  }

  private void embed(String itemId, float... vector) {
    List<Float> v = new java.util.ArrayList<>();
    for (float f : vector) {
      v.add(f);
    }
    embeddings.pipeInput(
        itemId, new ItemEmbedding(itemId, v, "hash-" + itemId, DotModel.LLM_VERSION, "p1", T0));
  }

  private void interact(String user, String item, int second) {
    interactions.pipeInput(
        user, new Interaction(user, item, InteractionType.RATE, 4.0, T0.plusSeconds(second)));
  }

  @SafeVarargs
  private static Map<String, float[]> ordered(Map.Entry<String, float[]>... entries) {
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : entries) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static List<String> ids(Recommendations r) {
    return r.getItems().stream().map(ScoredItem::getItemId).toList();
  }
}
