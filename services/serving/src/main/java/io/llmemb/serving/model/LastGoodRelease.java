package io.llmemb.serving.model;

import io.llmemb.schemas.avro.ModelRelease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases this instance last served successfully, one per model name, kept where a restart
 * finds them. The releases topic is compacted to the latest record per model name, so after a
 * refused release it no longer holds the one that worked; this is what serving falls back to at
 * start instead of coming up with no model.
 */
public interface LastGoodRelease {

  /** The remembered releases (at most one per model name). */
  List<ModelRelease> load();

  /** Remembers {@code release} as the one serving now for its model name. */
  void remember(ModelRelease release);

  /** Remembers in memory only (tests, and instances without a state directory). */
  static LastGoodRelease inMemory() {
    Map<String, ModelRelease> byName = new LinkedHashMap<>();
    return new LastGoodRelease() {
      @Override
      public synchronized List<ModelRelease> load() {
        return new ArrayList<>(byName.values());
      }

      @Override
      public synchronized void remember(ModelRelease release) {
        byName.put(release.getModelName(), release);
      }
    };
  }

  /** {@code releases} keyed by model name, the later entry winning. */
  static Map<String, ModelRelease> byName(Collection<ModelRelease> releases) {
    Map<String, ModelRelease> out = new LinkedHashMap<>();
    releases.forEach(r -> out.put(r.getModelName(), r));
    return out;
  }
}
