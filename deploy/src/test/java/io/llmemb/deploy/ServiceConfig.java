package io.llmemb.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment variables one service reads: the placeholders of its {@code application.yml}
 * values ({@code ${NAME:default}}) and of its {@code logback.xml} ({@code ${NAME:-default}}, and
 * the {@code <key>NAME</key>} of a property condition, which logback looks up in the environment
 * too), with their defaults.
 *
 * @param name service (directory under services/)
 * @param defaults every variable the service reads, mapped to its default ("" when it has none)
 */
record ServiceConfig(String name, Map<String, String> defaults) {

  // An environment-style name (upper case) followed by Micronaut's ':' or logback's ':-' default,
  // or the end.
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-?([^}]*))?}");
  // logback's <condition class="...PropertyEqualsValue"><key>NAME</key>: no default of its own.
  private static final Pattern CONDITION_KEY = Pattern.compile("<key>([A-Z][A-Z0-9_]*)</key>");

  static ServiceConfig load(String service) {
    Map<String, String> defaults = new LinkedHashMap<>();
    Object yaml =
        new Yaml().load(Repo.read("services/" + service + "/src/main/resources/application.yml"));
    collectValues(yaml, defaults);
    // Only placeholders in values count: a commented-out key in the YAML is not read by the
    // service.
    String logback = Repo.read("services/" + service + "/src/main/resources/logback.xml");
    collect(logback, defaults);
    Matcher key = CONDITION_KEY.matcher(logback);
    while (key.find()) {
      defaults.putIfAbsent(key.group(1), "");
    }
    return new ServiceConfig(service, Collections.unmodifiableMap(defaults));
  }

  boolean reads(String variable) {
    return defaults.containsKey(variable);
  }

  /** The default of {@code variable} in the service's configuration. */
  String defaultOf(String variable) {
    String value = defaults.get(variable);
    if (value == null) {
      throw new IllegalArgumentException(
          name + " does not read " + variable + "; it reads " + defaults.keySet());
    }
    return value;
  }

  private static void collectValues(Object node, Map<String, String> out) {
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(v -> collectValues(v, out));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectValues(v, out));
    } else if (node != null) {
      collect(node.toString(), out);
    }
  }

  private static void collect(String text, Map<String, String> out) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2));
    }
  }
}
