package io.llmemb.serving.streams;

import io.llmemb.schemas.ClientSecurity;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Connection settings shared by every Kafka client of serving (Streams, admin, dead-letter
 * producer): the bootstrap servers and the {@link ClientSecurity} entries of {@code kafka.*}.
 */
@Singleton
public class KafkaClientConfig {

  private final Map<String, Object> common;

  KafkaClientConfig(
      @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
          Map<String, Object> kafka) {
    Map<String, Object> m = new HashMap<>(ClientSecurity.select(kafka));
    m.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        String.valueOf(kafka.get("bootstrap.servers")));
    this.common = Map.copyOf(m);
  }

  /** Bootstrap servers and security, for any client. */
  public Map<String, Object> common() {
    return common;
  }

  /** Settings for an admin client. */
  public Map<String, Object> admin() {
    return new HashMap<>(common);
  }
}
