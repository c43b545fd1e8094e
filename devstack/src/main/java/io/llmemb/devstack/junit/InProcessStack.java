package io.llmemb.devstack.junit;

import io.llmemb.devstack.CloseableKafkaStack;
import io.llmemb.devstack.StackKind;
import io.llmemb.devstack.TopicCreator;
import io.llmemb.devstack.registry.SchemaRegistryServer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a combined single-node KRaft broker with {@link KafkaClusterTestKit} inside this JVM, our
 * schema registry on a free port against it, and the architecture's topics. Settings mirror the
 * child-process broker, so exactly-once works on one node.
 */
public final class InProcessStack {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessStack.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
  private static final Map<String, String> BROKER_PROPS =
      Map.of(
          "offsets.topic.replication.factor", "1",
          "offsets.topic.num.partitions", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "share.coordinator.state.topic.replication.factor", "1",
          "share.coordinator.state.topic.min.isr", "1",
          "group.initial.rebalance.delay.ms", "0",
          "auto.create.topics.enable", "false");

  private InProcessStack() {}

  /**
   * Starts the stack; the returned handle's {@code close()} stops registry then broker and deletes
   * the data.
   */
  public static CloseableKafkaStack start() {
    long t0 = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(true)
                  .setNumBrokerNodes(1)
                  .setNumControllerNodes(1)
                  .build());
      BROKER_PROPS.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = cluster.bootstrapServers();
      TopicCreator.createAll(bootstrap, TopicCreator.DEFAULT_PARTITIONS, TOPIC_TIMEOUT);
      SchemaRegistryServer registry = SchemaRegistryServer.start(bootstrap, "localhost", 0);
      KafkaClusterTestKit started = cluster;
      LOG.info(
          "in-process stack ready in {} ms: {} / {}",
          (System.nanoTime() - t0) / 1_000_000,
          bootstrap,
          registry.url());
      return new RunningStack(
          bootstrap,
          registry.url(),
          StackKind.IN_PROCESS,
          () -> {
            try (started) {
              registry.close();
            }
          });
    } catch (Exception e) {
      closeQuietly(cluster);
      throw new IllegalStateException(
          "cannot start the in-process Kafka stack: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      LOG.warn("closing the half-started test cluster failed", e);
    }
  }
}
