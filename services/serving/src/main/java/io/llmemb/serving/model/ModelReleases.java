package io.llmemb.serving.model;

import io.llmemb.bundle.ServingModel;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.scoring.ScoringSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies model releases: load the bundle, verify it against the release, warm it up, index the
 * items it does not know, then swap it in atomically. Any failure refuses the release (logged,
 * counted) and the old model keeps serving. The replaced model is closed only at the following
 * swap, so a stream thread still scoring with it never touches freed native memory.
 */
public final class ModelReleases {

  private static final Logger LOG = LoggerFactory.getLogger(ModelReleases.class);
  private static final int WARMUP_ROUNDS = 3;

  private final ModelLoader loader;
  private final ModelHolder holder;
  private final ItemVectors vectors;
  private final ServingMetrics metrics;
  private final String modelName;
  private final ScoringSettings scoring;
  private LiveModel retired;

  /**
   * @param modelName releases of other names are ignored; blank accepts every name
   */
  public ModelReleases(
      ModelLoader loader,
      ModelHolder holder,
      ItemVectors vectors,
      ServingMetrics metrics,
      String modelName) {
    this(loader, holder, vectors, metrics, modelName, ScoringSettings.DEFAULT);
  }

  /**
   * @param modelName releases of other names are ignored; blank accepts every name
   * @param scoring how each release's index answers top-K
   */
  public ModelReleases(
      ModelLoader loader,
      ModelHolder holder,
      ItemVectors vectors,
      ServingMetrics metrics,
      String modelName,
      ScoringSettings scoring) {
    this.scoring = scoring;
    this.loader = loader;
    this.holder = holder;
    this.vectors = vectors;
    this.metrics = metrics;
    this.modelName = modelName == null ? "" : modelName.trim();
  }

  /** Whether this instance serves releases of {@code name}. */
  public boolean serves(String name) {
    return modelName.isEmpty() || modelName.equals(name);
  }

  /** Tries to put {@code release} in use; true if it now serves, false if ignored or refused. */
  public synchronized boolean apply(ModelRelease release) {
    if (!serves(release.getModelName())) {
      return false;
    }
    LiveModel current = holder.current().orElse(null);
    if (current != null
        && current.releaseVersion().equals(release.getVersion())
        && current.model().manifestSha256().equalsIgnoreCase(release.getSha256())) {
      return true;
    }
    long started = System.nanoTime();
    ServingModel model;
    try {
      model = loader.load(release);
    } catch (Exception e) {
      return refuse(release, "load", e);
    }
    long loaded = System.nanoTime();
    float[] items;
    try {
      items = model.itemVectors();
      verify(model, release, items);
    } catch (RuntimeException e) {
      model.close();
      return refuse(release, "verify", e);
    }
    long derived = System.nanoTime();
    try {
      warmUp(model);
    } catch (RuntimeException e) {
      model.close();
      return refuse(release, "warmup", e);
    }
    long warm = System.nanoTime();
    LiveModel live;
    try {
      live = LiveModel.of(release.getVersion(), model, items, scoring);
    } catch (RuntimeException e) {
      model.close();
      return refuse(release, "index", e);
    }
    long indexed = System.nanoTime();
    vectors.prepare(live);
    LiveModel old = holder.swap(live);
    long swapped = System.nanoTime();
    if (retired != null) {
      retired.model().close();
    }
    if (old != null) {
      old.index().retire();
    }
    retired = old;
    metrics.modelInUse(release.getVersion());
    LOG.info(
        "serving model {} version {} ({} {}, users encoded by {}, {} bundle items, {} items"
            + " indexed){}; applied in {} ms: load {}, item vectors {}, warm-up {}, index and"
            + " encoder {}, other items {}",
        release.getModelName(),
        release.getVersion(),
        model.backbone(),
        model.variant(),
        live.encoder().name(),
        model.numItems(),
        live.index().size(),
        old == null ? "" : ", replacing " + old.releaseVersion(),
        millis(started, swapped),
        millis(started, loaded),
        millis(loaded, derived),
        millis(derived, warm),
        millis(warm, indexed),
        millis(indexed, swapped));
    return true;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private boolean refuse(ModelRelease release, String reason, Exception e) {
    metrics.refusedBundle(reason);
    LOG.error(
        "refused model release {} version {} at {} ({}): {}; still serving {}",
        release.getModelName(),
        release.getVersion(),
        release.getUri(),
        reason,
        e.toString(),
        holder.current().map(LiveModel::releaseVersion).orElse("nothing"));
    return false;
  }

  private static void verify(ServingModel model, ModelRelease release, float[] items) {
    if (!model.manifestSha256().equalsIgnoreCase(release.getSha256())) {
      throw new IllegalStateException(
          "bundle manifest sha256 "
              + model.manifestSha256()
              + " differs from release "
              + release.getSha256());
    }
    if (model.hidden() < 1 || model.maxLen() < 1 || model.numItems() < 1) {
      throw new IllegalStateException(
          "bundle has hidden="
              + model.hidden()
              + ", maxLen="
              + model.maxLen()
              + ", numItems="
              + model.numItems()
              + "; all must be >= 1");
    }
    if (items.length != model.numItems() * model.hidden()) {
      throw new IllegalStateException(
          "bundle item vectors hold "
              + items.length
              + " floats, expected numItems "
              + model.numItems()
              + " x hidden "
              + model.hidden());
    }
    requireFinite(items, "item vectors");
  }

  /** Runs a few encodes (first calls pay for lazy native init) and checks their output. */
  private static void warmUp(ServingModel model) {
    int n = Math.min(model.maxLen(), model.numItems());
    int[] history = new int[n];
    for (int i = 0; i < n; i++) {
      history[i] = i + 1;
    }
    for (int round = 0; round < WARMUP_ROUNDS; round++) {
      float[] user = model.encodeUser(history);
      if (user.length != model.hidden()) {
        throw new IllegalStateException(
            "encodeUser returned width " + user.length + ", expected " + model.hidden());
      }
      requireFinite(user, "warm-up user vector");
    }
  }

  private static void requireFinite(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalStateException(
            what + " has a non-finite value at " + i + ": " + values[i]);
      }
    }
  }
}
