package io.llmemb.bench.services;

import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFiles;
import io.llmemb.data.load.MovieLensCsvLoader;
import io.llmemb.devstack.DevStack;
import io.llmemb.devstack.DevStackOptions;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the service benchmarks share: a throwaway local broker + registry on free ports, the
 * MovieLens data ({@code $LLMEMB_DATA_DIR/ml-latest-small}, from {@code bin/llmemb
 * fetch-movielens}) and the typed topics.
 */
final class BenchStack implements AutoCloseable {

  final DevStack stack;
  final RawDataset data;
  final Topics topics;

  private BenchStack(DevStack stack, RawDataset data, Topics topics) {
    this.stack = stack;
    this.data = data;
    this.topics = topics;
  }

  static BenchStack start() throws IOException {
    Path dir = Path.of(System.getenv().getOrDefault("LLMEMB_DATA_DIR", "data"), "ml-latest-small");
    if (!Files.isRegularFile(dir.resolve("ratings.csv"))) {
      throw new IllegalStateException(
          dir
              + " has no ratings.csv: run `bin/llmemb fetch-movielens` first or set "
              + "LLMEMB_DATA_DIR");
    }
    RawDataset data =
        new MovieLensCsvLoader()
            .load(new DatasetFiles(dir.resolve("ratings.csv"), dir.resolve("movies.csv")));
    DevStack stack =
        DevStack.start(
            new DevStackOptions(
                Files.createTempDirectory("bench-stack"),
                "localhost",
                0,
                0,
                0,
                1,
                512,
                Duration.ofMinutes(2)));
    return new BenchStack(
        stack,
        data,
        Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())));
  }

  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            20),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** The Micronaut properties that point a service at this stack. */
  Map<String, Object> serviceProperties() {
    return Map.of(
        "kafka.bootstrap.servers",
        stack.bootstrapServers(),
        "llmemb.schema-registry.url",
        stack.schemaRegistryUrl(),
        "micronaut.server.port",
        -1);
  }

  @Override
  public void close() {
    stack.close();
  }
}
