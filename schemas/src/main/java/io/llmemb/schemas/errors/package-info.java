/**
 * Typed failures of the Avro serdes and the schema-registry client, all subclasses of {@link
 * io.llmemb.schemas.errors.AvroSerdeException} (itself a Kafka {@code SerializationException}), so
 * that consumers can route a bad record to its dead-letter topic by type.
 */
package io.llmemb.schemas.errors;
