package io.llmemb.serving.topology;

import io.llmemb.schemas.DeadLetters;
import io.llmemb.schemas.InputLimits;
import io.llmemb.schemas.Topic;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Recommendations;
import io.llmemb.schemas.avro.ScoredItem;
import io.llmemb.serving.metrics.AgeBucket;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.ItemAges;
import io.llmemb.serving.model.LiveModel;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ScoredItemId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
            top, youngCandidates(live, query, sequence), settings.newItemSlots(), settings.topK());
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
   * The best {@code newItemSlots} young items this model was not trained on that the user has not
   * seen, scored with the user's vector, best first; empty when exploration is off. One step per
   * young item.
   */
  private List<ScoredItemId> youngCandidates(LiveModel live, float[] query, List<String> seen) {
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
    // Only the best few can take a slot: select them rather than sort every young item per event.
    return candidates.isEmpty()
        ? List.of()
        : live.index().best(query, candidates, new HashSet<>(seen), settings.newItemSlots());
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
