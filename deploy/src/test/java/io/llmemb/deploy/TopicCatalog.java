package io.llmemb.deploy;

import io.llmemb.schemas.TopicNames;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics a deployment must create: {@link TopicNames#ALL} and a dead-letter topic for each. */
final class TopicCatalog {

  // One line of the topic-creation scripts: "create <topic> <cleanup.policy>".
  private static final Pattern CREATE =
      Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(compact|delete)\\s*$");

  private TopicCatalog() {}

  /** Topic name to cleanup.policy, from the catalog in schemas/. */
  static Map<String, String> expected() {
    Map<String, String> topics = new TreeMap<>();
    for (TopicNames.Spec spec : TopicNames.ALL) {
      topics.put(spec.name(), spec.compacted() ? "compact" : "delete");
      topics.put(TopicNames.dlq(spec.name()), "delete");
    }
    return topics;
  }

  /** Topic name to cleanup.policy, from the {@code create} lines of a topic-creation script. */
  static Map<String, String> createdBy(String script) {
    Map<String, String> topics = new TreeMap<>();
    Matcher m = CREATE.matcher(script);
    while (m.find()) {
      if (topics.put(m.group(1), m.group(2)) != null) {
        throw new AssertionError("topic " + m.group(1) + " is created twice");
      }
    }
    return topics;
  }
}
