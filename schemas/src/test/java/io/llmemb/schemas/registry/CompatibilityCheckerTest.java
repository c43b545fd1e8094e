package io.llmemb.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Direction and transitivity of each level, on schemas whose resolution Avro's spec fixes. */
class CompatibilityCheckerTest {

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  private static final Schema A = record("{\"name\":\"a\",\"type\":\"int\"}");
  private static final Schema AB_DEFAULT =
      record(
          "{\"name\":\"a\",\"type\":\"int\"},"
              + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
  private static final Schema AB =
      record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}");
  private static final Schema B = record("{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");

  @Test
  void addingAFieldWithoutDefaultIsNotBackwardButIsForward() {
    assertEquals(1, CompatibilityChecker.check(AB, List.of(A), CompatibilityLevel.BACKWARD).size());
    assertTrue(CompatibilityChecker.check(AB, List.of(A), CompatibilityLevel.FORWARD).isEmpty());
    assertEquals(1, CompatibilityChecker.check(AB, List.of(A), CompatibilityLevel.FULL).size());
    assertTrue(CompatibilityChecker.check(AB, List.of(A), CompatibilityLevel.NONE).isEmpty());
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersion() {
    List<Schema> history = List.of(A, AB_DEFAULT);
    // C reads AB_DEFAULT's data (it has 'b') but not A's ('b' is missing there and C has no
    // default).
    Schema c = record("{\"name\":\"b\",\"type\":\"string\"}");
    assertTrue(CompatibilityChecker.check(c, history, CompatibilityLevel.BACKWARD).isEmpty());
    assertEquals(
        1, CompatibilityChecker.check(c, history, CompatibilityLevel.BACKWARD_TRANSITIVE).size());
    // Neither earlier reader can read B's data: both need 'a' without a default.
    assertEquals(1, CompatibilityChecker.check(B, history, CompatibilityLevel.FORWARD).size());
    assertEquals(
        2, CompatibilityChecker.check(B, history, CompatibilityLevel.FORWARD_TRANSITIVE).size());
  }

  @Test
  void isCompatibleTakesNewestFirstAndAgreesWithTheChecker() {
    Schema c = record("{\"name\":\"b\",\"type\":\"string\"}");
    assertTrue(CompatibilityLevel.BACKWARD.isCompatible(c, List.of(AB_DEFAULT, A)));
    assertFalse(CompatibilityLevel.BACKWARD.isCompatible(c, List.of(A, AB_DEFAULT)));
    assertFalse(CompatibilityLevel.BACKWARD_TRANSITIVE.isCompatible(c, List.of(AB_DEFAULT, A)));
  }

  @Test
  void theDefaultIsBackwardTransitive() {
    assertEquals(CompatibilityLevel.BACKWARD_TRANSITIVE, CompatibilityLevel.DEFAULT);
  }
}
