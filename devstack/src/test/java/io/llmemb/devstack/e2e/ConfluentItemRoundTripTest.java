package io.llmemb.devstack.e2e;

import io.llmemb.devstack.junit.DockerStack;

/**
 * The smoke test against the Kafka image and the real Confluent Schema Registry image; skipped
 * without Docker.
 */
@DockerStack
class ConfluentItemRoundTripTest extends ItemRoundTripContract {}
