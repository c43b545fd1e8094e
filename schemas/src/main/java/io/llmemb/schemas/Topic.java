package io.llmemb.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic together with the serdes of its keys and values, so no call site can pair a topic with
 * the wrong serde. Immutable; build the catalog with {@link Topics#create}.
 *
 * @param name topic name (a {@link TopicNames} constant)
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** Validates every component; the message names the bad one. */
  public Topic {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** Kafka Streams source settings with this topic's serdes. */
  public Consumed<K, V> consumed() {
    return Consumed.with(keySerde, valueSerde);
  }

  /** Kafka Streams sink settings with this topic's serdes. */
  public Produced<K, V> produced() {
    return Produced.with(keySerde, valueSerde);
  }

  /** Name of this topic's dead-letter topic. */
  public String dlq() {
    return TopicNames.dlq(name);
  }
}
