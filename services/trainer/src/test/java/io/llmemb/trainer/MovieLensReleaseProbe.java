package io.llmemb.trainer;

import io.llmemb.data.Interaction;
import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFiles;
import io.llmemb.data.load.MovieLensCsvLoader;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in measurement, not a test (surefire's default includes skip {@code *Probe}): replays the MovieLens ratings
 * into {@code tracking.interactions}, runs one training check with the default SASRec settings and prints the
 * release, its held-out metrics and the time taken. Run: {@code LLMEMB_DATA_DIR=/work/main/data mvn -B -q -o -pl
 * services/trainer -am test -Dtest=MovieLensReleaseProbe -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(KafkaStackExtension.class)
class MovieLensReleaseProbe {

  @Test
  void probe(KafkaStack stack, @TempDir Path store) throws Exception {
    String data = System.getenv("LLMEMB_DATA_DIR");
    Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data, "ml-latest-small")),
        "set LLMEMB_DATA_DIR to a directory holding ml-latest-small");
    Path dir = Path.of(data, "ml-latest-small");
    RawDataset raw = new MovieLensCsvLoader().load(new DatasetFiles(dir.resolve("ratings.csv"),
        dir.resolve("movies.csv")));
    Topics topics = Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (Interaction i : raw.interactions()) {
        io.llmemb.schemas.avro.Interaction v = io.llmemb.schemas.avro.Interaction.newBuilder()
            .setUserId(i.userId()).setItemId(i.itemId()).setType(InteractionType.RATE).setRating(i.rating())
            .setTimestamp(Instant.ofEpochMilli(i.timestamp() * 1000L)).build();
        p.send(new ProducerRecord<>(TopicNames.INTERACTIONS, i.userId().getBytes(StandardCharsets.UTF_8),
            topics.interactions().valueSerde().serializer().serialize(TopicNames.INTERACTIONS, v)));
      }
    }
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
        "llmemb.schema-registry.url", stack.schemaRegistryUrl(), "llmemb.trainer.enabled", false,
        "llmemb.trainer.model-store", store.toString(), "micronaut.server.port", -1))) {
      long start = System.nanoTime();
      TrainingJob.Outcome o = ctx.getBean(TrainingJob.class).runOnce();
      System.out.printf("PROBE interactions=%d status=%s seconds=%.1f metrics=%s reason=%s%n",
          raw.interactions().size(), o.status(), (System.nanoTime() - start) / 1e9, o.metrics(), o.reason());
    }
  }
}
