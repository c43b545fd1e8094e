package io.llmemb.serving.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.serving.model.RawEmbedding;
import io.llmemb.serving.model.TextVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The content order of the exploration slots on hand-made text vectors. */
class YoungByContentTest {

  private final Map<String, TextVector> texts = new HashMap<>();

  private void text(String id, String model, float... v) {
    texts.put(id, TextVector.of(new RawEmbedding(v, model)).orElseThrow());
  }

  private YoungByContent order(int recent) {
    return new YoungByContent(
        id -> Optional.ofNullable(texts.get(id)), id -> Optional.ofNullable(texts.get(id)), recent);
  }

  @Test
  void ranksByTheMeanCosineToTheLatestItems() {
    text("old", "m", 0f, 1f);
    text("h1", "m", 1f, 0f);
    text("h2", "m", 0.2f, 1f);
    text("x", "m", 1f, 0.1f); // close to h1
    text("y", "m", 0.1f, 1f); // close to old and h2
    text("z", "m", -1f, 0f);
    List<String> young = List.of("z", "y", "x");
    // Latest item only: x (nearly h1) first.
    assertEquals(
        List.of("x", "y", "z"), order(1).best(List.of("old", "h2", "h1"), young, Set.of(), 3));
    // The last three: the centroid leans to the second axis, y first.
    assertEquals(List.of("y", "x"), order(3).best(List.of("old", "h2", "h1"), young, Set.of(), 2));
    // Seen candidates are left out.
    assertEquals(List.of("y"), order(1).best(List.of("h1"), young, Set.of("x"), 1));
  }

  @Test
  void vectorsOfAnotherTextModelAreNotCompared() {
    text("h1", "m", 1f, 0f);
    text("h0", "other", 0f, 1f);
    text("x", "m", 0f, 1f);
    text("w", "other", 1f, 0f);
    // The latest item's text model is the reference: h0 (another model) is skipped in the history,
    // w (another model) is no candidate.
    assertEquals(List.of("x"), order(2).best(List.of("h0", "h1"), List.of("x", "w"), Set.of(), 2));
    assertEquals(List.of("w"), order(2).best(List.of("h1", "h0"), List.of("x", "w"), Set.of(), 2));
    // No history item with a text: no content order at all.
    assertEquals(List.of(), order(2).best(List.of("unknown"), List.of("x"), Set.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> order(0));
  }
}
