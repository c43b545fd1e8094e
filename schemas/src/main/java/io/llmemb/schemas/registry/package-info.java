/**
 * Client side of the Confluent Schema Registry REST API: the {@link
 * io.llmemb.schemas.registry.SchemaRegistryClient} contract, an HTTP implementation, a cache, and
 * an in-memory registry selected by {@code mock://scope} URLs.
 */
package io.llmemb.schemas.registry;
