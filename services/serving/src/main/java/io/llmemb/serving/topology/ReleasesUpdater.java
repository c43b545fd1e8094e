package io.llmemb.serving.topology;

import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.serving.model.LastGoodRelease;
import io.llmemb.serving.model.ModelReleases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor of {@code models.releases}: every instance loads every release it serves
 * (see {@link ModelReleases}). On start it tries, newest first, the releases the restored store
 * holds and the ones this instance last served successfully, and keeps the first that loads and
 * verifies; a release that was refused (the newest record of the compacted topic may be one) never
 * leaves the instance without a model while an older good one is known.
 */
final class ReleasesUpdater implements Processor<String, ModelRelease, Void, Void> {

  private final ModelReleases releases;
  private final LastGoodRelease lastGood;
  private KeyValueStore<String, ModelRelease> store;

  ReleasesUpdater(ModelReleases releases, LastGoodRelease lastGood) {
    this.releases = releases;
    this.lastGood = lastGood;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ServingTopology.RELEASES_STORE);
    for (ModelRelease candidate : candidatesNewestFirst()) {
      if (releases.apply(candidate)) {
        lastGood.remember(candidate);
        return;
      }
    }
  }

  @Override
  public void process(Record<String, ModelRelease> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      return;
    }
    store.put(record.key(), record.value());
    if (releases.apply(record.value())) {
      lastGood.remember(record.value());
    }
  }

  private List<ModelRelease> candidatesNewestFirst() {
    Map<String, ModelRelease> unique = new LinkedHashMap<>();
    try (KeyValueIterator<String, ModelRelease> all = store.all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value != null) {
              unique.putIfAbsent(kv.value.getVersion() + "@" + kv.value.getSha256(), kv.value);
            }
          });
    }
    lastGood.load().forEach(r -> unique.putIfAbsent(r.getVersion() + "@" + r.getSha256(), r));
    List<ModelRelease> served = new ArrayList<>();
    unique.values().stream().filter(r -> releases.serves(r.getModelName())).forEach(served::add);
    served.sort(Comparator.comparing(ModelRelease::getCreatedAt).reversed());
    return served;
  }
}
