package io.llmemb.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack's topics exist on the broker with the cleanup policy and partitions the architecture
 * names.
 */
@ExtendWith(KafkaStackExtension.class)
class TopicCreatorTest {

  @Test
  void everyTopicAndDlqHasItsCleanupPolicy(KafkaStack stack) throws Exception {
    Map<String, String> expected = new HashMap<>();
    for (TopicNames.Spec spec : TopicNames.ALL) {
      expected.put(spec.name(), spec.compacted() ? "compact" : "delete");
      expected.put(TopicNames.dlq(spec.name()), "delete");
    }
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      List<ConfigResource> resources =
          expected.keySet().stream()
              .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
              .toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      Map<String, String> actual =
          configs.entrySet().stream()
              .collect(
                  Collectors.toMap(
                      e -> e.getKey().name(),
                      e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
      assertEquals(expected, actual);
      Map<String, TopicDescription> described =
          admin.describeTopics(expected.keySet()).allTopicNames().get();
      described
          .values()
          .forEach(
              d -> assertEquals(TopicCreator.DEFAULT_PARTITIONS, d.partitions().size(), d.name()));
    }
    // Running again creates nothing and does not fail: the CLI calls it on every start.
    assertTrue(
        TopicCreator.createAll(stack.bootstrapServers(), 3, Duration.ofSeconds(30)).isEmpty());
  }
}
