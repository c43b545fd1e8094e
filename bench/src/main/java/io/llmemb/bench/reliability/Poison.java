package io.llmemb.bench.reliability;

import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.Topics;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The kinds of bad record the replay mixes in, each one a record some service must dead-letter
 * exactly once and otherwise ignore. Bad interactions use users no good event has, so they cannot
 * disturb a verified sequence.
 */
enum Poison {
  /** Not Avro at all (a wrong magic byte): serving's deserialization handler. */
  INTERACTION_RANDOM_BYTES(TopicNames.INTERACTIONS),
  /** Valid Avro whose key is not its userId: serving's processor. */
  INTERACTION_KEY_MISMATCH(TopicNames.INTERACTIONS),
  /** Valid Avro with a blank itemId: serving's processor. */
  INTERACTION_BLANK_ITEM(TopicNames.INTERACTIONS),
  /** Not Avro: the embedding worker. */
  CATALOG_RANDOM_BYTES(TopicNames.CATALOG_ITEMS),
  /** Not Avro on the embeddings topic: serving's global store (every serving instance reads it). */
  EMBEDDING_RANDOM_BYTES(TopicNames.ITEM_EMBEDDINGS);

  private final String topic;

  Poison(String topic) {
    this.topic = topic;
  }

  String topic() {
    return topic;
  }

  /** The {@code n}-th poison record of this kind. */
  ProducerRecord<byte[], byte[]> record(Topics topics, int n, List<String> items, Random random) {
    String user = "poison-user-" + n;
    return switch (this) {
      case INTERACTION_RANDOM_BYTES, CATALOG_RANDOM_BYTES, EMBEDDING_RANDOM_BYTES ->
          new ProducerRecord<>(topic, bytes("poison-" + name() + "-" + n), randomBytes(random));
      case INTERACTION_KEY_MISMATCH ->
          new ProducerRecord<>(
              topic,
              bytes("not-" + user),
              interaction(topics, user, items.get(random.nextInt(items.size()))));
      case INTERACTION_BLANK_ITEM ->
          new ProducerRecord<>(topic, bytes(user), interaction(topics, user, " "));
    };
  }

  private static byte[] interaction(Topics topics, String user, String item) {
    Interaction i = new Interaction(user, item, InteractionType.VIEW, null, Instant.now());
    return topics.interactions().valueSerde().serializer().serialize(TopicNames.INTERACTIONS, i);
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[1 + random.nextInt(64)];
    random.nextBytes(b);
    // The Confluent wire format starts with magic byte 0; anything else must be refused before any
    // lookup.
    b[0] = (byte) (1 + random.nextInt(255));
    return b;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
