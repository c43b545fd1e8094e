package io.llmemb.devstack.junit;

import io.llmemb.devstack.KafkaStack;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class or method whose injected {@link KafkaStack} must be the Testcontainers one
 * (Kafka image + the real {@code confluentinc/cp-schema-registry} image). Without a Docker engine
 * such tests are skipped (reported as disabled), never failed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface DockerStack {}
