package io.llmemb.embeddingworker;

import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import io.llmemb.data.load.DatasetFiles;
import io.llmemb.data.load.MovieLensCsvLoader;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micronaut.context.ApplicationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opt-in measurement, not a test (surefire's default includes skip {@code *Probe}): publishes the whole MovieLens
 * catalog to {@code catalog.items}, runs the worker in backfill mode with the real MiniLM and prints items/s.
 * Run: {@code LLMEMB_DATA_DIR=/work/main/data mvn -B -q -o -pl services/embedding-worker -am test
 * -Dtest=CatalogThroughputProbe -Dsurefire.failIfNoSpecifiedTests=false} ({@code PROBE_BATCH} sets the batch size).
 */
@ExtendWith(KafkaStackExtension.class)
class CatalogThroughputProbe {
  @Test
  void probe(KafkaStack stack) throws Exception {
    String data = System.getenv("LLMEMB_DATA_DIR");
    Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data, "ml-latest-small")),
        "set LLMEMB_DATA_DIR to a directory holding ml-latest-small");
    Path dir = Path.of(data, "ml-latest-small");
    RawDataset raw = new MovieLensCsvLoader().load(new DatasetFiles(dir.resolve("ratings.csv"), dir.resolve("movies.csv")));
    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    int n = 0;
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (RawItem r : raw.items().values()) {
        Map<String, Object> a = r.attributes();
        @SuppressWarnings("unchecked") List<String> genres = (List<String>) a.getOrDefault("genres", List.of());
        Item.Builder b = Item.newBuilder().setItemId(r.rawId()).setTitle(String.valueOf(a.getOrDefault("title", "")))
            .setCategories(genres).setUpdatedAt(Instant.EPOCH);
        if (a.get("year") != null) {
          b.setAttributes(List.of(new ItemAttribute("year", a.get("year").toString())));
        }
        p.send(new ProducerRecord<>(TopicNames.CATALOG_ITEMS, r.rawId().getBytes(StandardCharsets.UTF_8),
            topics.items().valueSerde().serializer().serialize(TopicNames.CATALOG_ITEMS, b.build())));
        n++;
      }
    }
    int batch = Integer.parseInt(System.getenv().getOrDefault("PROBE_BATCH", "64"));
    long start = System.nanoTime();
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
        "llmemb.schema-registry.url", stack.schemaRegistryUrl(), "llmemb.worker.batch-size", batch,
        "llmemb.worker.backfill", true, "llmemb.worker.progress-interval", "15s"))) {
      WorkerMetrics m = ctx.getBean(WorkerMetrics.class);
      long loaded = System.nanoTime();
      while (m.embeddedCount() + m.skippedCount() < n) {
        Thread.sleep(500);
      }
      double s = (System.nanoTime() - loaded) / 1e9;
      Timer t = ctx.getBean(MeterRegistry.class).find("llmemb.worker.embed").timer();
      System.out.printf("PROBE items=%d batch=%d seconds=%.1f items/s=%.1f meanBatchMs=%.1f maxBatchMs=%.1f startup=%.1fs%n",
          n, batch, s, n / s, t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS), (loaded - start) / 1e9);
    }
  }
}
