package io.llmemb.embeddingworker;

import ai.djl.ndarray.types.DataType;
import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.EncoderSpec;
import io.llmemb.llm.encoders.EncoderLoader;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Builds the worker's collaborators from configuration. */
@Factory
public class WorkerFactory {

  /** The typed topic catalog with serdes talking to the configured schema registry. */
  @Singleton
  Topics topics(@Value("${llmemb.schema-registry.url}") String registryUrl) {
    return Topics.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
  }

  /** The prompt builder of the configured dataset kind. */
  @Singleton
  ItemPrompter prompter(WorkerConfig config) {
    return new ItemPrompter(config.promptKind());
  }

  /** The worker's meters. */
  @Singleton
  WorkerMetrics metrics(MeterRegistry registry) {
    return new WorkerMetrics(registry);
  }

  /**
   * The configured text encoder (pretrained weights from the Maven jar, LoRA merged when
   * configured).
   */
  @Singleton
  @Bean(preDestroy = "close")
  Embedder embedder(WorkerConfig config) {
    BertEncoderOptions options =
        new BertEncoderOptions(
            EncoderSpec.byKey(config.encoder()),
            config.maxTokens(),
            config.device(),
            DataType.FLOAT32,
            false,
            config.threads());
    Path lora =
        config.loraDir() == null || config.loraDir().isBlank() ? null : Path.of(config.loraDir());
    try {
      return new TextEncoderEmbedder(EncoderLoader.open(options, lora));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot load LoRA adapters from llmemb.worker.lora-dir=" + lora, e);
    }
  }
}
