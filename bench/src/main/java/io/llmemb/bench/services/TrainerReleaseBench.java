package io.llmemb.bench.services;

import io.llmemb.data.Interaction;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.trainer.TrainingJob;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One trainer release on the real data: replays every MovieLens rating into {@code
 * tracking.interactions}, runs one training check with the trainer's default settings (the variant
 * from {@code VARIANT}, default the plain ID backbone) and prints the outcome, the held-out metrics
 * and the time taken. See bench/README.md for the classpath.
 */
public final class TrainerReleaseBench {

  private TrainerReleaseBench() {}

  public static void main(String[] args) throws Exception {
    try (BenchStack b = BenchStack.start()) {
      try (KafkaProducer<byte[], byte[]> p = b.producer()) {
        for (Interaction i : b.data.interactions()) {
          io.llmemb.schemas.avro.Interaction v =
              io.llmemb.schemas.avro.Interaction.newBuilder()
                  .setUserId(i.userId())
                  .setItemId(i.itemId())
                  .setType(InteractionType.RATE)
                  .setRating(i.rating())
                  .setTimestamp(Instant.ofEpochMilli(i.timestamp() * 1000L))
                  .build();
          p.send(
              new ProducerRecord<>(
                  TopicNames.INTERACTIONS,
                  i.userId().getBytes(StandardCharsets.UTF_8),
                  b.topics
                      .interactions()
                      .valueSerde()
                      .serializer()
                      .serialize(TopicNames.INTERACTIONS, v)));
        }
      }
      Map<String, Object> props = new HashMap<>(b.serviceProperties());
      props.putAll(
          Map.of(
              "llmemb.trainer.enabled",
              false,
              "llmemb.trainer.model-store",
              Files.createTempDirectory("bench-models").toString()));
      try (ApplicationContext ctx = ApplicationContext.run(props)) {
        long start = System.nanoTime();
        TrainingJob.Outcome o = ctx.getBean(TrainingJob.class).runOnce();
        System.out.printf(
            "interactions=%d status=%s seconds=%.1f metrics=%s reason=%s%n",
            b.data.interactions().size(),
            o.status(),
            (System.nanoTime() - start) / 1e9,
            o.metrics(),
            o.reason());
      }
    }
  }
}
