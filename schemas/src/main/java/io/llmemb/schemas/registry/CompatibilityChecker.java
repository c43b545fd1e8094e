package io.llmemb.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides compatibility with Avro's own reader/writer resolution rules ({@link
 * SchemaCompatibility}), the same rules Confluent's AvroSchema uses, and explains every
 * incompatibility found.
 */
public final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * Checks {@code candidate} against {@code previous} (oldest first) under {@code level}.
   *
   * @return one message per incompatibility; empty when compatible
   */
  public static List<String> check(
      Schema candidate, List<Schema> previous, CompatibilityLevel level) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Schema> against =
        level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Schema existing : against) {
      if (level.backward()) {
        explain(
            "new schema cannot read data written with an existing one",
            candidate,
            existing,
            problems);
      }
      if (level.forward()) {
        explain(
            "an existing schema cannot read data written with the new one",
            existing,
            candidate,
            problems);
      }
    }
    return problems;
  }

  private static void explain(
      String direction, Schema reader, Schema writer, List<String> problems) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.INCOMPATIBLE) {
      return;
    }
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      problems.add(
          direction + ": " + i.getType() + " at '" + i.getLocation() + "': " + i.getMessage());
    }
  }
}
