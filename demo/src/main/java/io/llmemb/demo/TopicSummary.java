package io.llmemb.demo;

import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.registry.RegisteredSchema;
import io.llmemb.schemas.registry.RegistryClientConfig;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import io.llmemb.schemas.registry.SchemaRegistryClients;
import io.llmemb.schemas.serde.SubjectNames;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Prints, per topic of the architecture, how many records it holds and the registered value schema id. */
final class TopicSummary {

  private TopicSummary() {}

  static void print(String bootstrapServers, String registryUrl, PrintStream out) {
    SchemaRegistryClient registry = SchemaRegistryClients.create(RegistryClientConfig.of(registryUrl));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      List<String> names = TopicNames.ALL.stream().map(TopicNames.Spec::name).toList();
      Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
          .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
          .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      var offsets = admin.listOffsets(latest).all().get();
      out.printf("%-26s %10s  %s%n", "topic", "records", "value schema");
      for (String name : names) {
        long records = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(name))
            .mapToLong(e -> e.getValue().offset()).sum();
        out.printf("%-26s %10d  %s%n", name, records, schemaOf(registry, name));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe the demo topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the demo topics", e);
    }
  }

  private static String schemaOf(SchemaRegistryClient registry, String topic) {
    String subject = SubjectNames.topicNameStrategy(topic, false);
    if (!registry.subjects().contains(subject)) {
      return "-";
    }
    RegisteredSchema latest = registry.getLatest(subject);
    return subject + " id " + latest.id() + " v" + latest.version();
  }
}
