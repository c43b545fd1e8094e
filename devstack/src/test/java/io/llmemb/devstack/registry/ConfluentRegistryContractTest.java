package io.llmemb.devstack.registry;

import io.llmemb.devstack.junit.DockerStack;

/**
 * The same contract against the real {@code confluentinc/cp-schema-registry} image
 * (Testcontainers), so our registry's answers are checked against Confluent's own; skipped without
 * a Docker engine.
 */
@DockerStack
class ConfluentRegistryContractTest extends RegistryContract {}
