/**
 * The project's data contract on Kafka: topic names ({@link io.llmemb.schemas.TopicNames}), the
 * typed topic catalog ({@link io.llmemb.schemas.Topics}) and dead-letter records ({@link
 * io.llmemb.schemas.DeadLetters}). Avro classes are generated into {@code io.llmemb.schemas.avro}
 * from {@code src/main/resources/avro}.
 */
package io.llmemb.schemas;
