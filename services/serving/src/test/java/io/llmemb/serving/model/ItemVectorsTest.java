package io.llmemb.serving.model;

import static io.llmemb.serving.model.DotModel.item;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.scoring.ItemRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link ItemVectors} with a {@link DotModel} (a new item's vector is the first {@code hidden}
 * numbers of its LLM embedding): what is indexed when, what is skipped and why, and that lock-free
 * readers of the live index stay consistent while the global-store thread adds items.
 */
class ItemVectorsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModelHolder holder = new ModelHolder();
  private final ServingMetrics metrics = new ServingMetrics(meters, holder::indexedItems);
  private final ItemVectors vectors = new ItemVectors(holder, metrics);

  @Test
  void withoutAModelEmbeddingsAreRememberedAndIndexedWhenTheFirstModelIsPrepared() {
    vectors.upsert("n", emb(0.5f, 0.25f, 9f));
    assertEquals(1, vectors.embeddingCount());
    assertTrue(vectors.unusable(emb(1f)).isEmpty(), "no model: nothing to judge an embedding by");

    LiveModel live = v1();
    vectors.prepare(live);

    assertTrue(live.index().contains("n"));
    assertArrayEquals(new float[] {0.5f, 0.25f}, live.index().vector("n").orElseThrow());
    assertEquals(5, live.index().size(), "4 bundle items + the new one");
  }

  @Test
  void onceAStoreIsAttachedASwapReadsTheEmbeddingsFromItAndTheHeapCopyIsGone() {
    vectors.upsert("before", emb(1f, 1f));
    Map<String, RawEmbedding> store = new LinkedHashMap<>();
    store.put("stored", emb(0.5f, 0.5f));
    vectors.readFrom(
        new RawEmbeddings() {
          @Override
          public void forEach(BiConsumer<String, RawEmbedding> action) {
            store.forEach(action);
          }

          @Override
          public long count() {
            return store.size();
          }
        });
    // The store's owner writes it first, then tells ItemVectors (as the global-store processor).
    store.put("n", emb(0f, 2f));
    vectors.upsert("n", emb(0f, 2f));
    assertEquals(2, vectors.embeddingCount(), "counted in the store");

    LiveModel live = v1();
    vectors.prepare(live);

    assertTrue(live.index().contains("stored"));
    assertArrayEquals(new float[] {0f, 2f}, live.index().vector("n").orElseThrow());
    assertFalse(live.index().contains("before"), "the heap copy was dropped on attach");
    assertEquals(6, live.index().size(), "4 bundle items + the two stored ones");
  }

  @Test
  void underALiveModelANewItemIsIndexedAtOnceAndAnUpdateReplacesItsVector() {
    LiveModel live = serve(v1());

    vectors.upsert("n", emb(2f, 0f, 7f));
    assertArrayEquals(new float[] {2f, 0f}, live.index().vector("n").orElseThrow());
    assertEquals(5, live.index().size());
    // The user leaning to the first axis gets the new item first.
    assertEquals("n", live.index().top(new float[] {1f, 0f}, 1, Set.of()).get(0).itemId());

    vectors.upsert("n", emb(0f, 2f, 7f));
    assertArrayEquals(new float[] {0f, 2f}, live.index().vector("n").orElseThrow());
    assertEquals(5, live.index().size(), "an update does not add a second row");
    assertEquals(1, vectors.embeddingCount());
    assertEquals("n", live.index().top(new float[] {0f, 1f}, 1, Set.of()).get(0).itemId());
    assertEquals(
        5,
        meters.get(ServingMetrics.PREFIX + "index.items").gauge().value(),
        "the item gauge follows");
  }

  @Test
  void aBundleItemKeepsItsTrainedVectorWhateverItsEmbeddingSays() {
    LiveModel live = serve(v1());

    vectors.upsert("a", emb(0f, 5f, 5f));

    assertArrayEquals(new float[] {1f, 0f}, live.index().vector("a").orElseThrow());
    assertEquals(4, live.index().size());
  }

  @Test
  void aDeletedItemLeavesTheIndexStaysOutOfTheNextModelAndComesBackWithANewEmbedding() {
    LiveModel first = serve(v1());
    vectors.upsert("n", emb(3f, 3f));

    vectors.delete("a");
    vectors.delete("n");

    assertFalse(first.index().contains("a"));
    assertFalse(first.index().contains("n"));
    assertEquals(3, first.index().size());
    assertEquals(0, vectors.embeddingCount());
    assertTrue(
        first.index().top(new float[] {1f, 0f}, 10, Set.of()).stream()
            .noneMatch(s -> s.itemId().equals("a") || s.itemId().equals("n")),
        "never recommended");

    // The next model was trained on "a" too, but the tombstone is newer than its bundle.
    LiveModel second = LiveModel.of("v2", model("v2", 2, item("a", 1f, 0f), item("b", 0f, 1f)));
    vectors.prepare(second);
    assertFalse(second.index().contains("a"));
    assertEquals(1, second.index().size());

    serve(second);
    vectors.upsert("a", emb(0f, 9f));
    assertArrayEquals(
        new float[] {1f, 0f}, second.index().vector("a").orElseThrow(), "trained vector restored");
  }

  @Test
  void prepareAdaptsEveryKnownNewItemThroughTheNewModelAndLeavesBundleItemsAlone() {
    serve(v1());
    vectors.upsert("n", emb(1f, 2f, 3f, 4f));
    vectors.upsert("b", emb(7f, 7f, 7f, 7f));

    // A wider model: its adapter takes three numbers.
    LiveModel wider =
        LiveModel.of("v2", model("v2", 3, item("a", 1f, 0f, 0f), item("b", 0f, 1f, 0f)));
    vectors.prepare(wider);

    assertArrayEquals(new float[] {1f, 2f, 3f}, wider.index().vector("n").orElseThrow());
    assertArrayEquals(new float[] {0f, 1f, 0f}, wider.index().vector("b").orElseThrow());
    assertEquals(3, wider.index().size());
  }

  @Test
  void embeddingsTheModelCannotUseAreSkippedCountedAndReported() {
    LiveModel live = serve(v1());

    // Another text model: its vectors live in another space. Not indexed now, but not unusable for
    // a later model.
    RawEmbedding otherText = new RawEmbedding(new float[] {1f, 1f}, "other-encoder@2");
    vectors.upsert("x", otherText);
    assertFalse(live.index().contains("x"));
    assertEquals(1.0, skipped("llm-version"));
    assertEquals(Optional.empty(), vectors.unusable(otherText));

    // Narrower than the model's adapter needs.
    RawEmbedding narrow = emb(1f);
    vectors.upsert("y", narrow);
    assertFalse(live.index().contains("y"));
    assertEquals(1.0, skipped("width"));
    String why = vectors.unusable(narrow).orElseThrow();
    assertTrue(why.contains("v1") && why.contains("width 1"), why);

    assertEquals(Optional.empty(), vectors.unusable(emb(1f, 2f)));
    assertEquals(4, live.index().size());
    assertEquals(2, vectors.embeddingCount(), "both are kept for a later model that may use them");
  }

  @Test
  void readersOfTheLiveIndexStayConsistentWhileItemsArePut() throws Exception {
    LiveModel live = serve(v1());
    // Past one chunk, so the rows grow while the readers scan.
    int puts = ItemRows.CHUNK_ROWS + 500;
    AtomicInteger published = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong readsWhileWriting = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    int readers = 2;
    CountDownLatch started = new CountDownLatch(readers);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      Thread t =
          new Thread(
              () -> {
                started.countDown();
                int lastSize = 0;
                while (writing.get()) {
                  try {
                    int done = published.get();
                    // The user saw a bundle item and the next new items, not yet indexed
                    // (interactions can come before an
                    // item's embedding), then a long tail of items the index never heard of, which
                    // keeps the lookup of
                    // the seen items busy while the writer adds some of them. Each new item
                    // outranks every earlier one,
                    // so a seen one slipping into the scan would come first.
                    List<String> seen = new ArrayList<>(1 + SEEN_AHEAD + UNKNOWN_TAIL.size());
                    seen.add("b");
                    for (int j = done; j < done + SEEN_AHEAD; j++) {
                      seen.add("n" + j);
                    }
                    seen.addAll(UNKNOWN_TAIL);
                    int size = live.index().size();
                    if (size < lastSize) {
                      fail(failures, "index size went back from " + lastSize + " to " + size);
                    }
                    lastSize = size;
                    if (size < 4 + done) {
                      fail(failures, done + " items published but the index holds " + size);
                    }
                    if (done > 0) {
                      // Fully written and visible once upsert returned.
                      int last = done - 1;
                      Optional<float[]> v = live.index().vector("n" + last);
                      if (v.isEmpty() || !java.util.Arrays.equals(v.get(), newItemVector(last))) {
                        fail(
                            failures,
                            "n"
                                + last
                                + " published but reads "
                                + v.map(java.util.Arrays::toString));
                      }
                    }
                    // Of what the index held before the scan, at most b and the seen new items are
                    // left out.
                    checkTop(
                        live.index().top(QUERY, 20, seen),
                        Math.min(20, size - 1 - SEEN_AHEAD),
                        id -> id.equals("b") || seenAhead(id, done),
                        failures);
                    if (writing.get()) {
                      readsWhileWriting.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    fail(failures, e.toString());
                  }
                }
              },
              "reader-" + r);
      threads.add(t);
      t.start();
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));

    for (int i = 0; i < puts; i++) {
      float[] v = newItemVector(i);
      vectors.upsert("n" + i, emb(v[0], v[1], 42f));
      published.set(i + 1);
      if (i % 64 == 0) {
        awaitAReadBeyond(
            readsWhileWriting.get(), readsWhileWriting); // the readers really run between puts
      }
    }
    writing.set(false);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertEquals(List.of(), List.copyOf(failures));
    assertTrue(readsWhileWriting.get() > 0, "the readers never overlapped the writer");
    assertEquals(4 + puts, live.index().size());
    assertEquals(puts, vectors.embeddingCount());
    // After the writes, the exact answer: the newest unseen items, each scored with the vector it
    // was put with.
    int last = puts - 1;
    List<ScoredItemId> top = live.index().top(QUERY, 3, Set.of("n" + last, "n" + (last - 2)));
    assertEquals(
        List.of("n" + (last - 1), "n" + (last - 3), "n" + (last - 4)),
        top.stream().map(ScoredItemId::itemId).toList());
    assertEquals(newItemVector(last - 1)[0], top.get(0).score(), 1e-6);
  }

  private static void awaitAReadBeyond(long reads, AtomicLong counter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counter.get() <= reads && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private static void checkTop(
      List<ScoredItemId> top,
      int atLeast,
      Predicate<String> seen,
      ConcurrentLinkedQueue<String> failures) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < top.size(); i++) {
      ScoredItemId s = top.get(i);
      if (seen.test(s.itemId())) {
        fail(failures, "seen item " + s.itemId() + " recommended at rank " + i);
      }
      if (!ids.add(s.itemId())) {
        fail(failures, "duplicate " + s.itemId());
      }
      if (!Float.isFinite(s.score())) {
        fail(failures, "score " + s.score() + " of " + s.itemId());
      }
      if (i > 0 && top.get(i - 1).score() < s.score()) {
        fail(failures, "not best first: " + top);
      }
    }
    if (top.size() < atLeast || top.size() > 20) {
      fail(failures, "asked for 20 with at least " + atLeast + " unseen items, got " + top.size());
    }
  }

  private static boolean seenAhead(String id, int done) {
    if (!id.startsWith("n")) {
      return false;
    }
    int j = Integer.parseInt(id.substring(1));
    return j >= done && j < done + SEEN_AHEAD;
  }

  /** Keeps the first few failures of the readers. */
  private static void fail(ConcurrentLinkedQueue<String> failures, String failure) {
    if (failures.size() < 10) {
      failures.add(failure);
    }
  }

  /** New items a reader's user has seen beyond those already indexed. */
  private static final int SEEN_AHEAD = 100;

  /** Items a reader's user has seen that the index never gets. */
  private static final List<String> UNKNOWN_TAIL =
      java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "unknown-" + i).toList();

  /** The query of the concurrent readers. */
  private static final float[] QUERY = {1f, 0.5f};

  /**
   * New item i scores 1 + i / 1000 against {@link #QUERY}: above every bundle item and every
   * earlier new item.
   */
  private static float[] newItemVector(int i) {
    return new float[] {1f + i / 1000f, 0f};
  }

  private double skipped(String reason) {
    Counter c =
        meters.find(ServingMetrics.PREFIX + "embeddings.skipped").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private LiveModel serve(LiveModel live) {
    holder.swap(live);
    return live;
  }

  /** a, b lean to the first axis, c, d to the second. */
  private static LiveModel v1() {
    return LiveModel.of(
        "v1",
        model(
            "v1",
            2,
            item("a", 1f, 0f),
            item("b", 0.9f, 0.1f),
            item("c", 0f, 1f),
            item("d", 0.2f, 0.8f)));
  }

  @SafeVarargs
  static DotModel model(String version, int hidden, Map.Entry<String, float[]>... items) {
    Map<String, float[]> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : items) {
      ordered.put(e.getKey(), e.getValue());
    }
    return new DotModel(version, "sha-" + version, hidden, ordered);
  }

  static RawEmbedding emb(float... vector) {
    return new RawEmbedding(vector, DotModel.LLM_VERSION);
  }
}
