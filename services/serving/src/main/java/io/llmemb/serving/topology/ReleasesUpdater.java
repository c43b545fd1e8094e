package io.llmemb.serving.topology;

import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.serving.model.ModelReleases;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor of {@code models.releases}: every instance loads every release it serves (see
 * {@link ModelReleases}); on start it loads the newest release the restored store holds.
 */
final class ReleasesUpdater implements Processor<String, ModelRelease, Void, Void> {

  private final ModelReleases releases;
  private KeyValueStore<String, ModelRelease> store;

  ReleasesUpdater(ModelReleases releases) {
    this.releases = releases;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ServingTopology.RELEASES_STORE);
    newest().ifPresent(releases::apply);
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
    releases.apply(record.value());
  }

  private Optional<ModelRelease> newest() {
    try (KeyValueIterator<String, ModelRelease> all = store.all()) {
      Stream.Builder<ModelRelease> served = Stream.builder();
      all.forEachRemaining(kv -> {
        if (kv.value != null && releases.serves(kv.value.getModelName())) {
          served.add(kv.value);
        }
      });
      return served.build().max(Comparator.comparing(ModelRelease::getCreatedAt));
    }
  }
}
