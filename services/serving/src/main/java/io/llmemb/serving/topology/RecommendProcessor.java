package io.llmemb.serving.topology;

import io.llmemb.eval.ExposurePolicy;
import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.InputLimits;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import io.llmemb.serving.metrics.AgeBucket;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.ItemAges;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ScoredItemId;
import io.llmemb.serving.model.TextVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per interaction: judge the list last emitted for the user against the item they consumed
 * (prequential hit rate by the item's age, {@link ServingMetrics#prequential}), append the item to
 * the user's sequence (RocksDB, changelog-backed), encode the sequence with the current model,
 * score every indexed item, drop items the user has seen (and deleted ones, which the index no
 * longer holds), reserve the exploration slots for young items ({@link ExplorationSlots}) and emit
 * the top-K. A record that decodes but makes no sense (no user, no item) goes to the dead-letter
 * topic with the {@link DeadLetters} reason headers; the stream never stops for it.
 */
final class RecommendProcessor implements Processor<String, Interaction, String, Object> {

  /**
   * Dead letters of interactions with more id characters than this carry no payload (see
   * deadLetter).
   */
  static final int MAX_DEAD_LETTER_CHARS = 200_000;

  private final ServingSettings settings;
  private final ModelHolder holder;
  private final ItemAges ages;
  private final ServingMetrics metrics;
  private final DeadLetterWriter deadLetters;
  private final Topic<String, Interaction> interactions;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, List<String>> sequences;
  private KeyValueStore<String, Recommendations> latest;
  private YoungByContent byContent;

  RecommendProcessor(
      ServingSettings settings,
      ModelHolder holder,
      ItemAges ages,
      ServingMetrics metrics,
      DeadLetterWriter deadLetters,
      Topic<String, Interaction> interactions) {
    this.settings = settings;
    this.holder = holder;
    this.ages = ages;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.interactions = interactions;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.sequences = context.getStateStore(ServingTopology.SEQUENCES_STORE);
    this.latest = context.getStateStore(ServingTopology.RECOMMENDATIONS_STORE);
    if (settings.newItemOrder() == ExposurePolicy.YoungOrder.CONTENT) {
      // The global embeddings store holds every item's raw text vector (history items are read
      // from it, a few per event); young items' unit vectors are held in memory by ItemAges.
      KeyValueStore<String, ItemEmbedding> embeddings =
          context.getStateStore(ServingTopology.EMBEDDINGS_STORE);
      byContent =
          new YoungByContent(
              id ->
                  Optional.ofNullable(embeddings.get(id))
                      .map(EmbeddingsUpdater::raw)
                      .flatMap(TextVector::of),
              ages::youngText,
              settings.contentRecent());
    }
  }

  @Override
  public void process(Record<String, Interaction> record) {
    long started = System.nanoTime();
    Interaction interaction = record.value();
    String problem =
        interaction == null
            ? "a tombstone (null value) means nothing on an event topic"
            : problem(record.key(), interaction);
    if (problem != null) {
      deadLetter(record, problem);
      return;
    }
    String user = interaction.getUserId();
    String item = interaction.getItemId();
    List<String> stored = sequences.get(user);
    if (stored == null || !stored.contains(item)) {
      // a repeat is never judged: serving filters seen items out by design
      judge(user, item);
    }
    List<String> sequence = append(user, stored, item);
    metrics.event();
    Optional<LiveModel> live = holder.current();
    if (live.isEmpty()) {
      metrics.eventWithoutModel();
      return;
    }
    recommend(live.get(), user, sequence, interaction.getTimestamp().toEpochMilli())
        .ifPresent(
            recs -> {
              latest.put(user, recs);
              context.forward(
                  new Record<String, Object>(user, recs, record.timestamp()),
                  ServingTopology.RECS_SINK);
              metrics.recommended(Duration.ofNanos(System.nanoTime() - started));
              metrics.listEmitted(
                  recs.getModelVersion(), holdsNewItem(recs), recs.getExplorationSlots().size());
            });
  }

  /** One prequential judgement: was {@code item} in the first entries of the user's last list? */
  private void judge(String user, String item) {
    Recommendations last = latest.get(user);
    if (last == null) {
      return;
    }
    List<ScoredItem> items = last.getItems();
    boolean hit = false;
    for (int i = 0; i < Math.min(ServingMetrics.HIT_AT, items.size()) && !hit; i++) {
      hit = items.get(i).getItemId().equals(item);
    }
    metrics.prequential(AgeBucket.of(ages.ageMs(item, ages.now())), last.getModelVersion(), hit);
  }

  private boolean holdsNewItem(Recommendations recs) {
    long now = ages.now();
    for (ScoredItem s : recs.getItems()) {
      if (AgeBucket.of(ages.ageMs(s.getItemId(), now)) == AgeBucket.NEW) {
        return true;
      }
    }
    return false;
  }

  private List<String> append(String user, List<String> stored, String item) {
    List<String> sequence = new ArrayList<>(stored == null ? List.of() : stored);
    sequence.add(item);
    int drop = Math.max(0, sequence.size() - settings.maxSeqLen());
    // The store's changelog record must stay far below the broker's message size whatever the ids
    // are.
    long bytes = storedBytes(sequence);
    while (bytes > settings.maxSeqBytes() && drop < sequence.size() - 1) {
      bytes -= storedBytes(sequence.get(drop));
      drop++;
    }
    if (drop > 0) {
      sequence = new ArrayList<>(sequence.subList(drop, sequence.size()));
    }
    sequences.put(user, sequence);
    return sequence;
  }

  /**
   * Serialized size of a sequence under the list serde: each entry is a 4-byte length and its UTF-8
   * bytes.
   */
  static long storedBytes(List<String> sequence) {
    long sum = 0;
    for (String s : sequence) {
      sum += storedBytes(s);
    }
    return sum;
  }

  private static long storedBytes(String id) {
    return 4L + id.getBytes(StandardCharsets.UTF_8).length;
  }

  private Optional<Recommendations> recommend(
      LiveModel live, String user, List<String> sequence, long eventTime) {
    int[] history = live.history(sequence);
    if (history.length == 0) {
      // Only items the model was not trained on: the backbone has nothing to read.
      return Optional.empty();
    }
    float[] query = live.encodeUser(history);
    List<ScoredItemId> top = live.index().top(query, settings.topK(), sequence);
    List<ExplorationSlots.Entry> entries =
        ExplorationSlots.place(
            top,
            youngCandidates(live, query, sequence, top),
            settings.newItemSlots(),
            settings.topK());
    List<ScoredItem> items = new ArrayList<>(entries.size());
    List<Integer> slots = new ArrayList<>(settings.newItemSlots());
    for (ExplorationSlots.Entry e : entries) {
      if (e.exploration()) {
        slots.add(items.size());
      }
      items.add(new ScoredItem(e.item().itemId(), e.item().score()));
    }
    return Optional.of(
        Recommendations.newBuilder()
            .setUserId(user)
            .setItems(items)
            .setExplorationSlots(slots)
            .setModelVersion(live.releaseVersion())
            .setEventTime(java.time.Instant.ofEpochMilli(eventTime))
            .setEmittedAt(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .build());
  }

  /**
   * The young items this model was not trained on that the user has not seen and that must be in
   * the list, scored with the user's vector: the best {@code newItemSlots} by that score, or under
   * the content order those the ranking already holds plus, for the slots left, the best of the
   * others by text similarity to the user's latest items ({@link YoungByContent}; the rule of
   * {@code io.llmemb.eval.ExposurePolicy}, measured offline); empty when exploration is off. One
   * step per young item.
   */
  private List<ScoredItemId> youngCandidates(
      LiveModel live, float[] query, List<String> seen, List<ScoredItemId> ranked) {
    if (settings.newItemSlots() == 0) {
      return List.of();
    }
    List<String> young = ages.young();
    if (young.isEmpty()) {
      return List.of();
    }
    List<String> candidates = new ArrayList<>(young.size());
    for (String id : young) {
      if (!live.inBundle(id)) {
        candidates.add(id);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<String> seenIds = new HashSet<>(seen);
    int slots = settings.newItemSlots();
    if (byContent != null) {
      Optional<List<String>> chosen = byContent(candidates, seen, seenIds, ranked);
      if (chosen.isPresent()) {
        List<String> ids = chosen.get();
        if (ids.size() < slots) {
          // Young items without a comparable text vector fill what content left, by score.
          List<String> rest = new ArrayList<>(candidates);
          rest.removeAll(new HashSet<>(ids));
          ids = new ArrayList<>(ids);
          for (ScoredItemId s : live.index().best(query, rest, seenIds, slots - ids.size())) {
            ids.add(s.itemId());
          }
        }
        return live.index().best(query, ids, seenIds, ids.size());
      }
    }
    // Only the best few can take a slot: select them rather than sort every young item per event.
    return live.index().best(query, candidates, seenIds, slots);
  }

  /**
   * Under the content order: the young candidates the ranking already holds (they keep their place
   * and count towards the slots), then the best of the others by content for the slots left; empty
   * when the user's latest items have no text vector (the caller falls back to the score).
   */
  private Optional<List<String>> byContent(
      List<String> candidates, List<String> seen, Set<String> seenIds, List<ScoredItemId> ranked) {
    Set<String> rankedIds = new HashSet<>();
    for (int i = 0; i < ranked.size() && i < settings.topK(); i++) {
      rankedIds.add(ranked.get(i).itemId());
    }
    List<String> held = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String id : candidates) {
      (rankedIds.contains(id) ? held : others).add(id);
    }
    int need = settings.newItemSlots() - held.size();
    if (need <= 0) {
      return Optional.of(held);
    }
    List<String> chosen = byContent.best(seen, others, seenIds, need);
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    held.addAll(chosen);
    return Optional.of(held);
  }

  private static String problem(String key, Interaction interaction) {
    Optional<String> bounds = InputLimits.check(interaction);
    if (bounds.isPresent()) {
      return bounds.get();
    }
    if (key == null) {
      return "record has no key; it must be the userId so one user's events share a partition";
    }
    if (!key.equals(interaction.getUserId())) {
      // A user's events must share one partition to stay ordered; a mis-keyed one would fork the
      // sequence.
      return "record key '" + key + "' differs from userId '" + interaction.getUserId() + "'";
    }
    return null;
  }

  private void deadLetter(Record<String, Interaction> record, String problem) {
    Interaction value = record.value();
    String key = record.key();
    long chars =
        (long) length(key)
            + (value == null ? 0 : length(value.getUserId()) + length(value.getItemId()));
    // The copy plus headers could exceed the broker's limit; the source coordinates locate the
    // original instead.
    boolean omitted = chars > MAX_DEAD_LETTER_CHARS;
    if (omitted) {
      if (key != null && key.length() > InputLimits.MAX_ID_CHARS) {
        key = null;
      }
      value = null;
    }
    String topic = interactions.name();
    // Every source record processed here has its coordinates (no punctuation forwards records).
    RecordMetadata source = context.recordMetadata().orElseThrow();
    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.record(
            source.topic(),
            source.partition(),
            source.offset(),
            record.timestamp(),
            record.headers(),
            key == null ? null : interactions.keySerde().serializer().serialize(topic, key),
            value == null ? null : interactions.valueSerde().serializer().serialize(topic, value),
            new InvalidInteractionException(problem));
    if (omitted) {
      letter
          .headers()
          .add(DeadLetters.HEADER_PAYLOAD_OMITTED, utf8("value of about " + chars + " characters"));
    }
    // Outside the Streams transaction, through the sender that writes one letter per source
    // record: a task retried after a crash processes the record again and must not letter it twice.
    deadLetters.send(letter);
    metrics.deadLettered(letter.topic());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
