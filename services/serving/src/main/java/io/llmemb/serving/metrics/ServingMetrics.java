package io.llmemb.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The numbers an operator of serving needs, in one place so that names and tags stay consistent:
 * interactions processed (events/s is {@code rate()} of the counter), recommendation latency, the
 * model version in use (a gauge of 1 tagged with the version), items in the index, refused bundles
 * and skipped embeddings by reason, and how new items fare (docs/architecture.md, "Metrics per item
 * age"): the prequential hit rate of emitted lists by the consumed item's {@link AgeBucket} and the
 * list's model version, the lists holding an item younger than an hour, the exploration slots
 * filled. Knows nothing of the model or the streams: the gauges read the suppliers they are given.
 */
public final class ServingMetrics {

  /** Prefix of every meter name. */
  public static final String PREFIX = "llmemb.serving.";

  private final MeterRegistry registry;
  private final Counter events;
  private final Counter noModel;
  private final Timer latency;
  private final MultiGauge modelInfo;
  private final Counter threadsReplaced;
  private final Map<String, Counter> tagged = new ConcurrentHashMap<>();

  /**
   * Cut-off of the prequential hit rate: a consumption is a hit when its item is among the first
   * {@value} entries of the list last emitted for the user, whatever TOP_K is.
   */
  public static final int HIT_AT = 10;

  /**
   * Registers the meters on {@code registry}; the item gauge reads {@code indexedItems} (the
   * current model's index size, 0 while none is loaded).
   */
  public ServingMetrics(MeterRegistry registry, IntSupplier indexedItems) {
    this.registry = registry;
    this.events =
        Counter.builder(PREFIX + "events").description("Interactions processed").register(registry);
    this.noModel =
        Counter.builder(PREFIX + "events.without.model")
            .description("Interactions stored but not scored because no model was loaded yet")
            .register(registry);
    this.latency =
        Timer.builder(PREFIX + "recommendation.latency")
            .description(
                "Time from reading an interaction to emitting its recommendations (encode + score + top-K)")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.modelInfo =
        MultiGauge.builder(PREFIX + "model")
            .description("1 for the model release in use, by version")
            .register(registry);
    this.threadsReplaced =
        Counter.builder(PREFIX + "stream.threads.replaced")
            .description("Stream threads that failed and were replaced")
            .register(registry);
    Gauge.builder(PREFIX + "index.items", indexedItems::getAsInt)
        .description("Recommendable items in the index of the current model")
        .register(registry);
  }

  /** One interaction was processed. */
  public void event() {
    events.increment();
  }

  /** Interactions that arrived while no model was loaded, since start. */
  public double eventsWithoutModel() {
    return noModel.count();
  }

  /** A stream thread failed and was replaced. */
  public void streamThreadReplaced() {
    threadsReplaced.increment();
  }

  /**
   * Registers the input-lag and stuck-partition gauges: {@code lag} is the total lag of the serving
   * group, {@code stuckPartitions} the number of input partitions that stopped making progress.
   */
  public void progressGauges(LongSupplier lag, IntSupplier stuckPartitions) {
    Gauge.builder(PREFIX + "input.lag", lag::getAsLong)
        .description("Interactions not yet processed by the serving group (all partitions)")
        .register(registry);
    Gauge.builder(PREFIX + "partitions.stuck", stuckPartitions::getAsInt)
        .description(
            "Input partitions with lag whose committed offset has not moved for the stall timeout")
        .register(registry);
  }

  /** One interaction arrived before any model was loaded. */
  public void eventWithoutModel() {
    noModel.increment();
  }

  /** Records how long one recommendation took. */
  public void recommended(Duration took) {
    latency.record(took);
  }

  /**
   * A model release was refused; {@code reason} is a short fixed word (load, verify, warmup,
   * index).
   */
  public void refusedBundle(String reason) {
    Counter.builder(PREFIX + "bundles.refused")
        .tag("reason", reason)
        .description("Model releases refused")
        .register(registry)
        .increment();
  }

  /** The model release {@code version} is now in use. */
  public void modelInUse(String version) {
    modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
  }

  /**
   * An item embedding could not be turned into an item vector; {@code reason} is a short fixed
   * word.
   */
  public void skippedEmbedding(String reason) {
    Counter.builder(PREFIX + "embeddings.skipped")
        .tag("reason", reason)
        .description("Item embeddings not added to the index")
        .register(registry)
        .increment();
  }

  /**
   * Registers the gauge of young items (those that may take an exploration slot), read from {@code
   * youngItems}.
   */
  public void youngItemsGauge(IntSupplier youngItems) {
    Gauge.builder(PREFIX + "young.items", youngItems::getAsInt)
        .description(
            "Items younger than new-item-max-age (candidates for an exploration slot while the"
                + " current model was not trained on them)")
        .register(registry);
  }

  /**
   * A user consumed an item that was not already in their sequence, after serving had emitted a
   * list for them: one prequential judgement of that list.
   *
   * @param age age class of the consumed item at consumption
   * @param modelVersion the model release that produced the judged list
   * @param hit whether the item was among the first {@value #HIT_AT} entries of the list
   */
  public void prequential(AgeBucket age, String modelVersion, boolean hit) {
    counter(
            "prequential.judged",
            "Consumptions judged against the list last emitted for the user (HR@"
                + HIT_AT
                + " = hits / judged), by the consumed item's age and the list's model",
            "age",
            age.tag(),
            "model",
            modelVersion)
        .increment();
    Counter hits =
        counter(
            "prequential.hits",
            "Judged consumptions whose item was in the first "
                + HIT_AT
                + " entries of the user's last list, by the consumed item's age and the list's model",
            "age",
            age.tag(),
            "model",
            modelVersion);
    if (hit) {
      hits.increment();
    }
  }

  /**
   * A list was emitted.
   *
   * @param modelVersion the release that produced it
   * @param withNewItem whether it holds an item younger than {@link AgeBucket#NEW_BOUND}
   * @param explorationSlots how many of its entries were exploration slots
   */
  public void listEmitted(String modelVersion, boolean withNewItem, int explorationSlots) {
    counter("lists.emitted", "Recommendation lists emitted, by model", "model", modelVersion)
        .increment();
    Counter withNew =
        counter(
            "lists.with.new.item",
            "Emitted lists holding at least one item younger than an hour, by model",
            "model",
            modelVersion);
    if (withNewItem) {
      withNew.increment();
    }
    Counter slots =
        counter(
            "exploration.slots",
            "List entries that were exploration slots given to young items, by model",
            "model",
            modelVersion);
    if (explorationSlots > 0) {
      slots.increment(explorationSlots);
    }
  }

  /** A counter named {@code PREFIX + name} with the tags (pairs), registered once, then cached. */
  private Counter counter(String name, String description, String... tags) {
    return tagged.computeIfAbsent(
        name + "\u0000" + String.join("\u0000", tags),
        k -> Counter.builder(PREFIX + name).description(description).tags(tags).register(registry));
  }

  /** An interaction was sent to the dead-letter topic. */
  public void deadLettered(String topic) {
    Counter.builder(PREFIX + "dead.lettered")
        .tag("topic", topic)
        .description("Records sent to a dead-letter topic")
        .register(registry)
        .increment();
  }
}
