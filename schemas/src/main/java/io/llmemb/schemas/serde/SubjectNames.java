package io.llmemb.schemas.serde;

/**
 * Confluent's default {@code TopicNameStrategy}: the value schemas of topic {@code t} live under
 * subject {@code t-value} and its key schemas under {@code t-key}, so each topic evolves its
 * schemas on its own.
 */
public final class SubjectNames {

  /** Suffix of a key subject. */
  public static final String KEY_SUFFIX = "-key";

  /** Suffix of a value subject. */
  public static final String VALUE_SUFFIX = "-value";

  private SubjectNames() {}

  /** Subject of {@code topic}'s keys ({@code isKey}) or values. */
  public static String topicNameStrategy(String topic, boolean isKey) {
    return topic + (isKey ? KEY_SUFFIX : VALUE_SUFFIX);
  }
}
