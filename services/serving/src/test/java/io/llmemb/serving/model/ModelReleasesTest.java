package io.llmemb.serving.model;

import static io.llmemb.serving.model.DotModel.item;
import static io.llmemb.serving.model.ItemVectorsTest.emb;
import static io.llmemb.serving.model.ItemVectorsTest.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.serving.metrics.ServingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelReleases} with an in-memory loader that opens a fresh {@link DotModel} per load, as a
 * real bundle loader does: which release serves after each apply, what is refused and counted, and
 * when replaced models are closed.
 */
class ModelReleasesTest {

  private static final String NAME = "recs";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModelHolder holder = new ModelHolder();
  private final ServingMetrics metrics = new ServingMetrics(meters, holder::indexedItems);
  private final ItemVectors vectors = new ItemVectors(holder, metrics);
  private final Map<String, Supplier<DotModel>> bundles = new HashMap<>();

  /** Every model the loader opened, in order. */
  private final List<DotModel> opened = new ArrayList<>();

  private final ModelReleases releases =
      new ModelReleases(this::load, holder, vectors, metrics, NAME);

  ModelReleasesTest() {
    for (String v : List.of("v1", "v2", "v3", "v4")) {
      bundles.put(v, () -> model(v, 2, item("a", 1f, 0f), item("b", 0f, 1f)));
    }
  }

  @Test
  void theFirstGoodReleaseServesAndIsReportedInUse() {
    assertTrue(holder.current().isEmpty());

    assertTrue(releases.apply(release("v1")));

    LiveModel live = holder.current().orElseThrow();
    assertEquals("v1", live.releaseVersion());
    assertSame(opened.get(0), live.model());
    assertEquals(2, live.index().size());
    assertEquals(1.0, modelGauge("v1"));
  }

  @Test
  void aNewerReleaseReplacesTheCurrentOneAndTheGaugeMovesWithIt() {
    releases.apply(release("v1"));

    assertTrue(releases.apply(release("v2")));

    assertEquals("v2", holder.current().orElseThrow().releaseVersion());
    assertEquals(1.0, modelGauge("v2"));
    assertNull(
        meters.find(ServingMetrics.PREFIX + "model").tag("version", "v1").gauge(),
        "v1 no longer in use");
  }

  @Test
  void releasesApplyInArrivalOrderSoARollbackServesTheEarlierVersionAgain() {
    releases.apply(release("v1"));
    releases.apply(release("v2"));

    assertTrue(releases.apply(release("v1")));

    LiveModel live = holder.current().orElseThrow();
    assertEquals("v1", live.releaseVersion());
    assertSame(
        opened.get(2),
        live.model(),
        "a freshly opened bundle, not the model retired at the first swap");
    assertFalse(opened.get(2).closed());
    assertEquals(
        List.of(true, false, false), closedFlags(), "the first v1 model was closed at this swap");
  }

  @Test
  void aReplacedModelIsClosedOnlyAtTheFollowingSwap() {
    releases.apply(release("v1"));
    LiveModel first = holder.current().orElseThrow();
    releases.apply(release("v2"));

    // A stream thread that read the holder before the swap may still be encoding with v1.
    assertFalse(opened.get(0).closed());
    assertEquals(2, first.model().encodeUser(new int[] {1, 2}).length);

    releases.apply(release("v3"));

    assertEquals(List.of(true, false, false), closedFlags());
    assertThrows(IllegalStateException.class, () -> first.model().encodeUser(new int[] {1}));
  }

  @Test
  void aReleaseWhoseShaDiffersFromItsBundleIsRefusedAndTheOldModelKeepsServing() {
    releases.apply(release("v1"));
    LiveModel before = holder.current().orElseThrow();

    assertFalse(releases.apply(release("v2", "sha-of-something-else")));

    assertSame(before, holder.current().orElseThrow());
    assertEquals(1.0, refused("verify"));
    assertTrue(opened.get(1).closed(), "the refused model's resources are freed");
    assertFalse(opened.get(0).closed());
    assertEquals(1.0, modelGauge("v1"));
  }

  @Test
  void everyKindOfBadBundleIsRefusedWithItsReasonAndNeverReplacesTheServingOne() {
    releases.apply(release("v1"));
    LiveModel before = holder.current().orElseThrow();
    bundles.remove("v2"); // load: not found
    bundles.put("v3", () -> model("v3", 2, item("a", Float.NaN, 0f))); // verify: non-finite vector
    bundles.put("v4", () -> model("v4", 2)); // verify: no items
    bundles.put(
        "v5",
        () -> { // warm-up: encode fails
          DotModel broken = model("v5", 2, item("a", 1f, 0f));
          broken.close();
          return broken;
        });

    for (String v : List.of("v2", "v3", "v4", "v5")) {
      assertFalse(releases.apply(release(v)), v);
      assertSame(before, holder.current().orElseThrow(), v);
    }

    assertEquals(1.0, refused("load"));
    assertEquals(2.0, refused("verify"));
    assertEquals(1.0, refused("warmup"));
    assertFalse(opened.get(0).closed(), "the serving model is untouched");
    assertTrue(
        opened.subList(1, opened.size()).stream().allMatch(DotModel::closed),
        "refused models are closed");
  }

  @Test
  void aRefusedReleaseDoesNotDisturbWhichModelIsClosedNext() {
    releases.apply(release("v1"));
    releases.apply(release("v2"));
    assertFalse(releases.apply(release("v3", "wrong-sha")));

    assertTrue(releases.apply(release("v4")));

    // opened: v1, v2, v3 (refused, closed at once), v4. The swap to v4 closes v1, retired at the
    // swap to v2.
    assertEquals(List.of(true, false, true, false), closedFlags());
    assertEquals("v4", holder.current().orElseThrow().releaseVersion());
  }

  @Test
  void aRefusedFirstReleaseLeavesNoModelAndALaterGoodOneServes() {
    assertFalse(releases.apply(release("v1", "wrong-sha")));
    assertTrue(holder.current().isEmpty());

    assertTrue(releases.apply(release("v2")));
    assertEquals("v2", holder.current().orElseThrow().releaseVersion());
  }

  @Test
  void theReleaseAlreadyServingIsNotLoadedAgain() {
    releases.apply(release("v1"));
    LiveModel live = holder.current().orElseThrow();

    assertTrue(releases.apply(release("v1")));

    assertSame(live, holder.current().orElseThrow());
    assertEquals(1, opened.size());
  }

  @Test
  void onlyReleasesOfTheServedModelNameAreLoaded() {
    ModelRelease other = ModelRelease.newBuilder(release("v1")).setModelName("other").build();

    assertFalse(releases.apply(other));

    assertTrue(holder.current().isEmpty());
    assertEquals(0, opened.size());
    assertTrue(releases.serves(NAME));
    assertFalse(releases.serves("other"));
    assertTrue(
        new ModelReleases(this::load, holder, vectors, metrics, " ").serves("other"),
        "blank serves all");
    assertTrue(
        new ModelReleases(this::load, holder, vectors, metrics, " recs ").serves(NAME),
        "name is trimmed");
  }

  @Test
  void aNewModelGoesLiveWithTheItemsItWasNotTrainedOnAlreadyIndexed() {
    releases.apply(release("v1"));
    vectors.upsert("n", emb(0.5f, 0.5f, 1f));
    vectors.delete("b");

    releases.apply(release("v2"));

    LiveModel live = holder.current().orElseThrow();
    assertEquals("v2", live.releaseVersion());
    assertArrayEquals(new float[] {0.5f, 0.5f}, live.index().vector("n").orElseThrow());
    assertFalse(live.index().contains("b"), "deleted before the release: stays deleted");
    assertEquals(2, live.index().size());
    assertEquals(2.0, meters.get(ServingMetrics.PREFIX + "index.items").gauge().value());
  }

  private DotModel load(ModelRelease release) throws IOException {
    Supplier<DotModel> bundle = bundles.get(release.getVersion());
    if (bundle == null) {
      throw new IOException("no bundle at " + release.getUri());
    }
    DotModel model = bundle.get();
    opened.add(model);
    return model;
  }

  private List<Boolean> closedFlags() {
    return opened.stream().map(DotModel::closed).toList();
  }

  private double refused(String reason) {
    Counter c =
        meters.find(ServingMetrics.PREFIX + "bundles.refused").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private double modelGauge(String version) {
    Gauge g = meters.find(ServingMetrics.PREFIX + "model").tag("version", version).gauge();
    return g == null ? 0 : g.value();
  }

  private static ModelRelease release(String version) {
    return release(version, "sha-" + version);
  }

  private static ModelRelease release(String version, String sha) {
    return ModelRelease.newBuilder()
        .setModelName(NAME)
        .setVersion(version)
        .setUri("bundles/" + version)
        .setSha256(sha)
        .setBackbone("mean")
        .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }
}
