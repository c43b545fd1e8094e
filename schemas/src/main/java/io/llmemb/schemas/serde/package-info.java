/**
 * Avro serdes speaking the Confluent wire format (magic byte 0, big-endian int32 schema id, Avro
 * binary), with {@code TopicNameStrategy} subjects; see {@link io.llmemb.schemas.serde.WireFormat}
 * and {@link io.llmemb.schemas.serde.AvroSerdeConfig} for the format and the config keys.
 */
package io.llmemb.schemas.serde;
