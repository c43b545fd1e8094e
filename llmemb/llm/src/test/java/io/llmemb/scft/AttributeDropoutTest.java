package io.llmemb.scft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributeDropoutTest {

  private static final AttributeDropout DROP = new AttributeDropout(AttributeDropout.PAPER_RATIO);

  @Test
  void dropsFloorOfFortyPercentFromEachShuffledView() {
    String prompt = "Inst: \n a is 1; b is 2; c is 3; d is 4; e is 5";
    List<String> all = List.of(" a is 1", " b is 2", " c is 3", " d is 4", " e is 5");
    Random rng = new Random(1);
    boolean sawDifferentOrder = false;
    for (int i = 0; i < 20; i++) {
      AttributeDropout.View v = DROP.pair(prompt, rng);
      for (String view : List.of(v.first(), v.second())) {
        assertTrue(view.startsWith("Inst: \n"));
        List<String> chunks = Arrays.asList(view.substring("Inst: \n".length()).split(";"));
        assertEquals(3, chunks.size(), "5 - floor(0.4*5) = 3 kept");
        assertTrue(all.containsAll(chunks));
        assertEquals(3, new HashSet<>(chunks).size());
      }
      sawDifferentOrder |= !v.first().equals(v.second());
    }
    assertTrue(sawDifferentOrder);
  }

  @Test
  void edgeCases() {
    Random rng = new Random(3);
    AttributeDropout.View one = DROP.pair("Inst: \n title is X", rng);
    assertEquals("Inst: ", one.first());
    assertEquals("Inst: ", one.second());
    String two = "Inst: \n a is 1; b is 2";
    for (int i = 0; i < 10; i++) {
      AttributeDropout.View v = DROP.pair(two, rng);
      assertEquals(2, v.first().split(";").length, "n = 2 drops nothing");
    }
    assertEquals("no newline", DROP.pair("no newline", rng).first());
    assertNotEquals(DROP.pair(two, new Random(5)), null);
  }
}
