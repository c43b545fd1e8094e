package io.llmemb.serving;

import io.llmemb.engine.EngineConfig;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.serving.config.ServingConfig;
import io.llmemb.serving.metrics.ServingMetrics;
import io.llmemb.serving.model.BundleModelLoader;
import io.llmemb.serving.model.ItemAges;
import io.llmemb.serving.model.ItemVectors;
import io.llmemb.serving.model.ModelHolder;
import io.llmemb.serving.model.ModelLoader;
import io.llmemb.serving.model.ModelReleases;
import io.llmemb.serving.topology.ServingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/** Builds the serving beans from configuration; the pieces themselves know nothing of Micronaut. */
@Factory
public class ServingFactory {

  @Singleton
  Topics topics(@Value("${llmemb.schema-registry.url}") String registryUrl) {
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
  }

  @Singleton
  ModelHolder modelHolder() {
    return new ModelHolder();
  }

  @Singleton
  ServingMetrics servingMetrics(MeterRegistry registry, ModelHolder holder) {
    return new ServingMetrics(registry, holder::indexedItems);
  }

  @Singleton
  ItemVectors itemVectors(ModelHolder holder, ServingMetrics metrics, ServingConfig config) {
    ItemAges ages = new ItemAges(Clock.systemUTC(), config.getNewItemMaxAge());
    metrics.youngItemsGauge(ages::youngCount);
    return new ItemVectors(holder, metrics, ages);
  }

  @Singleton
  ModelLoader modelLoader(ServingConfig config) {
    // PyTorch only runs at model load and new-item adaptation now (users are encoded in Java); with
    // one thread per core its OpenMP workers spin on every core after each op and starve the stream
    // threads during a swap (SwapCostBench at 1M items: 10 CPU-seconds of spinning, wall 15-17 s
    // against 10 s with one thread).
    EngineConfig.of("cpu", config.getEngineThreads()).applyDevice();
    return new BundleModelLoader(config.getModelStore());
  }

  @Singleton
  ModelReleases modelReleases(
      ModelLoader loader,
      ModelHolder holder,
      ItemVectors vectors,
      ServingMetrics metrics,
      ServingConfig config) {
    return new ModelReleases(
        loader, holder, vectors, metrics, config.getModelName(), config.scoringSettings());
  }

  @Singleton
  ServingSettings servingSettings(ServingConfig config) {
    return new ServingSettings(
        config.getTopK(),
        config.getMaxSeqLen(),
        config.getMaxSeqBytes(),
        config.getNewItemSlots(),
        config.newItemOrder(),
        config.getNewItemContentRecent());
  }
}
