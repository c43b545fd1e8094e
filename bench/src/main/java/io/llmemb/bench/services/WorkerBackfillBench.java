package io.llmemb.bench.services;

import io.llmemb.data.RawItem;
import io.llmemb.embeddingworker.WorkerMetrics;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Embedding-worker throughput on the real catalogue: publishes every MovieLens movie to {@code
 * catalog.items}, runs the worker in backfill mode with the real MiniLM and prints items/s, batch
 * latency and start-up time. Usage: {@code WorkerBackfillBench [batchSize]} (default 64); see
 * bench/README.md for the classpath.
 */
public final class WorkerBackfillBench {

  private WorkerBackfillBench() {}

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    try (BenchStack b = BenchStack.start()) {
      int n = 0;
      try (KafkaProducer<byte[], byte[]> p = b.producer()) {
        for (RawItem r : b.data.items().values()) {
          p.send(
              new ProducerRecord<>(
                  TopicNames.CATALOG_ITEMS,
                  r.rawId().getBytes(StandardCharsets.UTF_8),
                  b.topics
                      .items()
                      .valueSerde()
                      .serializer()
                      .serialize(TopicNames.CATALOG_ITEMS, item(r))));
          n++;
        }
      }
      Map<String, Object> props = new HashMap<>(b.serviceProperties());
      props.putAll(
          Map.of(
              "llmemb.worker.batch-size",
              batch,
              "llmemb.worker.backfill",
              true,
              "llmemb.worker.progress-interval",
              "15s"));
      long start = System.nanoTime();
      try (ApplicationContext ctx = ApplicationContext.run(props)) {
        WorkerMetrics m = ctx.getBean(WorkerMetrics.class);
        long loaded = System.nanoTime();
        while (m.embeddedCount() + m.skippedCount() < n) {
          Thread.sleep(500);
        }
        double s = (System.nanoTime() - loaded) / 1e9;
        Timer t = ctx.getBean(MeterRegistry.class).find("llmemb.worker.embed").timer();
        System.out.printf(
            "items=%d batch=%d seconds=%.1f items/s=%.1f meanBatchMs=%.1f maxBatchMs=%.1f "
                + "startup=%.1fs%n",
            n,
            batch,
            s,
            n / s,
            t.mean(TimeUnit.MILLISECONDS),
            t.max(TimeUnit.MILLISECONDS),
            (loaded - start) / 1e9);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Item item(RawItem r) {
    Map<String, Object> a = r.attributes();
    Item.Builder b =
        Item.newBuilder()
            .setItemId(r.rawId())
            .setTitle(String.valueOf(a.getOrDefault("title", "")))
            .setCategories((List<String>) a.getOrDefault("genres", List.of()))
            .setUpdatedAt(Instant.EPOCH);
    if (a.get("year") != null) {
      b.setAttributes(List.of(new ItemAttribute("year", a.get("year").toString())));
    }
    return b.build();
  }
}
