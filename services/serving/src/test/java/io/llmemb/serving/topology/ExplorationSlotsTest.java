package io.llmemb.serving.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.serving.model.ScoredItemId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@link ExplorationSlots} puts young items, worked out by hand. */
class ExplorationSlotsTest {

  private static final List<ScoredItemId> RANKED =
      List.of(s("a", 0.9f), s("b", 0.8f), s("c", 0.7f), s("d", 0.6f));

  @Test
  void aYoungItemBelowTheListTakesTheLastSlot() {
    List<ExplorationSlots.Entry> out =
        ExplorationSlots.place(RANKED, List.of(s("y", 0.1f), s("z", 0.05f)), 1, 4);
    assertEquals("a b c y*", text(out));
  }

  @Test
  void twoSlotsTakeTheLastTwoPlacesBestYoungFirst() {
    List<ExplorationSlots.Entry> out =
        ExplorationSlots.place(RANKED, List.of(s("y", 0.1f), s("z", 0.05f)), 2, 4);
    assertEquals("a b y* z*", text(out));
  }

  @Test
  void aYoungItemTheRankingHoldsUsesNoSlot() {
    List<ScoredItemId> ranked = List.of(s("a", 0.9f), s("y", 0.85f), s("b", 0.8f), s("c", 0.7f));
    assertEquals("a y b c", text(ExplorationSlots.place(ranked, List.of(s("y", 0.85f)), 1, 4)));
    // the second slot still goes to the next young item, and the held one is never the one dropped
    List<ScoredItemId> last = List.of(s("a", 0.9f), s("b", 0.8f), s("c", 0.7f), s("y", 0.6f));
    assertEquals(
        "a b y z*", text(ExplorationSlots.place(last, List.of(s("y", 0.6f), s("z", 0.1f)), 2, 4)));
  }

  @Test
  void aYoungItemTheRankingMissedSitsWhereItsScorePutsIt() {
    // e.g. the graph search missed it: it goes in at its score, the last ranked entry makes room
    assertEquals("a y* b c", text(ExplorationSlots.place(RANKED, List.of(s("y", 0.85f)), 1, 4)));
    assertEquals(
        "a b y* c",
        text(ExplorationSlots.place(RANKED, List.of(s("y", 0.8f)), 1, 4)),
        "a tie goes to the ranked item");
  }

  @Test
  void noSlotsNoYoungOrAShortListChangeNothingOrOnlyAppend() {
    assertEquals("a b c d", text(ExplorationSlots.place(RANKED, List.of(s("y", 0.1f)), 0, 4)));
    assertEquals("a b c d", text(ExplorationSlots.place(RANKED, List.of(), 1, 4)));
    assertEquals(
        "a b y*",
        text(ExplorationSlots.place(RANKED.subList(0, 2), List.of(s("y", 0.1f)), 1, 4)),
        "a list shorter than k keeps all its items");
  }

  private static ScoredItemId s(String id, float score) {
    return new ScoredItemId(id, score);
  }

  private static String text(List<ExplorationSlots.Entry> entries) {
    StringBuilder out = new StringBuilder();
    for (ExplorationSlots.Entry e : entries) {
      out.append(out.length() == 0 ? "" : " ")
          .append(e.item().itemId())
          .append(e.exploration() ? "*" : "");
    }
    return out.toString();
  }
}
