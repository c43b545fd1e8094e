package io.llmemb.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The exposure policy on hand-made score rows: the list shown, the target's rank, the metrics. */
class ExposurePolicyTest {

  /** 10 items; item i scores 10 - i (item 1 best). */
  private static final float[] SCORES = {0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};

  private static final int[] ALL = IntStream.rangeClosed(1, 10).toArray();

  private static boolean[] young(int... items) {
    boolean[] y = new boolean[11];
    for (int i : items) {
      y[i] = true;
    }
    return y;
  }

  private static int[] without(int[] items, int item) {
    return Arrays.stream(items).filter(i -> i != item).toArray();
  }

  @Test
  void noneIsThePlainRankingAndTheRankOfRankMetrics() {
    Random rng = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      float[] s = new float[11];
      for (int i = 1; i <= 10; i++) {
        s[i] = rng.nextInt(4); // many ties
      }
      int target = 1 + rng.nextInt(10);
      int[] candidates = without(ALL, target);
      boolean[] y = young(2, 5, 9);
      assertEquals(
          RankMetrics.rank(s, target, candidates),
          ExposurePolicy.NONE.rank(s, target, candidates, y, 3));
      // A policy of 0 slots with a bonus of 0 written out is NONE.
      assertEquals(
          RankMetrics.rank(s, target, candidates),
          new ExposurePolicy(0, 5, 0f).rank(s, target, candidates, y, 3));
    }
    assertArrayEquals(new int[] {1, 2, 3}, ExposurePolicy.NONE.topK(SCORES, ALL, young(9), 3));
  }

  @Test
  void aYoungItemBelowTheCutOffEntersAtTheLastSlot() {
    ExposurePolicy one = ExposurePolicy.slots(1);
    boolean[] y = young(8);
    // Plain top-4 is 1,2,3,4; item 8 replaces item 4 and is shown last.
    assertArrayEquals(new int[] {1, 2, 3, 8}, one.topK(SCORES, ALL, y, 4));
    assertEquals(3, one.rank(SCORES, 8, without(ALL, 8), y, 4));
    // The replaced item falls to the first place below the list; the others keep their ranks.
    assertEquals(4, one.rank(SCORES, 4, without(ALL, 4), y, 4));
    assertEquals(2, one.rank(SCORES, 3, without(ALL, 3), y, 4));
    assertEquals(5, one.rank(SCORES, 5, without(ALL, 5), y, 4));
    assertEquals(8, one.rank(SCORES, 9, without(ALL, 9), y, 4));
  }

  @Test
  void twoSlotsTakeTheBestTwoYoungItemsInScoreOrder() {
    ExposurePolicy two = ExposurePolicy.slots(2);
    boolean[] y = young(6, 8, 9);
    assertArrayEquals(new int[] {1, 2, 6, 8}, two.topK(SCORES, ALL, y, 4));
    assertEquals(2, two.rank(SCORES, 6, without(ALL, 6), y, 4));
    assertEquals(3, two.rank(SCORES, 8, without(ALL, 8), y, 4));
    // Items 3 and 4 were replaced: ranks 4 and 5, then 5, 7 in plain order, then young 9.
    assertEquals(4, two.rank(SCORES, 3, without(ALL, 3), y, 4));
    assertEquals(5, two.rank(SCORES, 4, without(ALL, 4), y, 4));
    assertEquals(6, two.rank(SCORES, 5, without(ALL, 5), y, 4));
    assertEquals(8, two.rank(SCORES, 9, without(ALL, 9), y, 4));
  }

  @Test
  void aYoungItemAlreadyInTheTopKKeepsItsRankAndUsesTheSlot() {
    boolean[] y = young(2, 7);
    // One slot: item 2 already fills it, nothing changes.
    assertArrayEquals(new int[] {1, 2, 3, 4}, ExposurePolicy.slots(1).topK(SCORES, ALL, y, 4));
    assertEquals(1, ExposurePolicy.slots(1).rank(SCORES, 2, without(ALL, 2), y, 4));
    assertEquals(6, ExposurePolicy.slots(1).rank(SCORES, 7, without(ALL, 7), y, 4));
    // Two slots: item 2 keeps rank 1, item 7 replaces item 4, the lowest non-young item.
    ExposurePolicy two = ExposurePolicy.slots(2);
    assertArrayEquals(new int[] {1, 2, 3, 7}, two.topK(SCORES, ALL, y, 4));
    assertEquals(1, two.rank(SCORES, 2, without(ALL, 2), y, 4));
    assertEquals(3, two.rank(SCORES, 7, without(ALL, 7), y, 4));
  }

  @Test
  void aYoungItemAtTheBottomOfTheListIsNotReplacedByAnother() {
    // Young item 4 sits last in the plain top-4; the second slot must drop item 3, not item 4.
    boolean[] y = young(4, 9);
    ExposurePolicy two = ExposurePolicy.slots(2);
    assertArrayEquals(new int[] {1, 2, 4, 9}, two.topK(SCORES, ALL, y, 4));
    assertEquals(2, two.rank(SCORES, 4, without(ALL, 4), y, 4));
    assertEquals(4, two.rank(SCORES, 3, without(ALL, 3), y, 4));
  }

  @Test
  void fewerYoungCandidatesThanSlotsFillWhatTheyCan() {
    boolean[] y = young(9);
    assertArrayEquals(new int[] {1, 2, 9}, ExposurePolicy.slots(3).topK(SCORES, ALL, y, 3));
    assertArrayEquals(new int[] {1, 2, 3}, ExposurePolicy.slots(3).topK(SCORES, ALL, young(), 3));
    // More slots than k: the whole list is young.
    boolean[] many = young(5, 6, 7, 8, 9);
    assertArrayEquals(new int[] {5, 6}, ExposurePolicy.slots(4).topK(SCORES, ALL, many, 2));
  }

  @Test
  void seenItemsAreNeverShown() {
    // Serving passes only unseen items as candidates: item 8 (young, seen) cannot take the slot.
    int[] unseen = without(without(ALL, 8), 1);
    assertArrayEquals(
        new int[] {2, 3, 4, 9}, ExposurePolicy.slots(1).topK(SCORES, unseen, young(8, 9), 4));
  }

  @Test
  void theBonusShiftsYoungItemsBeforeRanking() {
    ExposurePolicy bonus = new ExposurePolicy(0, 0, 4.5f);
    boolean[] y = young(8);
    // Item 8 scores 2 + 4.5 = 6.5: between items 3 (7) and 4 (6).
    assertArrayEquals(new int[] {1, 2, 3, 8, 4}, bonus.topK(SCORES, ALL, y, 5));
    assertEquals(3, bonus.rank(SCORES, 8, without(ALL, 8), y, 5));
    assertEquals(4, bonus.rank(SCORES, 4, without(ALL, 4), y, 5));
    // A bonus that makes a tie (item 8 at 7, like item 3) ranks either target below the other, as
    // RankMetrics does; the list shown breaks the tie by the lower id.
    ExposurePolicy tie = new ExposurePolicy(0, 0, 5f);
    assertEquals(3, tie.rank(SCORES, 8, without(ALL, 8), y, 5));
    assertEquals(3, tie.rank(SCORES, 3, without(ALL, 3), y, 5));
    assertArrayEquals(new int[] {1, 2, 3, 8, 4}, tie.topK(SCORES, ALL, y, 5));
  }

  @Test
  void rankAgreesWithTheListShownForEveryItem() {
    Random rng = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      // Distinct scores: without ties the target's rule and the list's rule order alike.
      List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, 10).boxed().toList());
      Collections.shuffle(order, rng);
      float[] s = new float[11];
      boolean[] y = new boolean[11];
      for (int i = 1; i <= 10; i++) {
        s[i] = order.get(i - 1);
        y[i] = rng.nextInt(3) == 0;
      }
      ExposurePolicy.YoungOrder youngOrder =
          ExposurePolicy.YoungOrder.values()[
              rng.nextInt(ExposurePolicy.YoungOrder.values().length)];
      ExposurePolicy policy =
          new ExposurePolicy(
              rng.nextInt(4), 0, rng.nextBoolean() ? 0f : 0.5f + rng.nextInt(3), youngOrder);
      // The second row orders young items differently from the first (distinct values too).
      List<Integer> other = new ArrayList<>(order);
      Collections.shuffle(other, rng);
      float[] content = new float[11];
      for (int i = 1; i <= 10; i++) {
        content[i] = other.get(i - 1);
      }
      int k = 1 + rng.nextInt(5);
      int[] shown = policy.topK(s, content, ALL, y, k);
      int[] rankOf = new int[11];
      for (int item = 1; item <= 10; item++) {
        rankOf[item] = policy.rank(s, content, item, without(ALL, item), y, k);
      }
      for (int i = 0; i < shown.length; i++) {
        assertEquals(i, rankOf[shown[i]], "trial " + trial);
      }
      // The ranks form a permutation of 0..9: the order below the list is complete too.
      assertArrayEquals(
          IntStream.range(0, 10).toArray(),
          Arrays.stream(rankOf, 1, 11).sorted().toArray(),
          "trial " + trial);
    }
  }

  @Test
  void contentOrderFillsTheSlotsByTheSecondRowAndKeepsTheRestByScore() {
    boolean[] y = young(6, 8, 9);
    // By score the young order is 6, 8, 9; by content 9, 8, 6.
    float[] content = {0, 0, 0, 0, 0, 0, 0.1f, 0, 0.5f, 0.9f, 0};
    ExposurePolicy byScore = ExposurePolicy.slots(1);
    ExposurePolicy byContent = new ExposurePolicy(1, 0, 0f, ExposurePolicy.YoungOrder.CONTENT);
    assertArrayEquals(new int[] {1, 2, 3, 6}, byScore.topK(SCORES, content, ALL, y, 4));
    assertArrayEquals(new int[] {1, 2, 3, 9}, byContent.topK(SCORES, content, ALL, y, 4));
    assertEquals(3, byContent.rank(SCORES, content, 9, without(ALL, 9), y, 4));
    // Item 6, best young by score, is no longer shown: it ranks after the list, by score.
    assertEquals(6, byContent.rank(SCORES, content, 6, without(ALL, 6), y, 4));
    // Two slots by content: 9 then 8, after the kept organic items.
    ExposurePolicy two = new ExposurePolicy(2, 0, 0f, ExposurePolicy.YoungOrder.CONTENT);
    assertArrayEquals(new int[] {1, 2, 9, 8}, two.topK(SCORES, content, ALL, y, 4));
    // A young item already in the plain top-k keeps its place and fills a slot.
    boolean[] early = young(2, 8, 9);
    assertArrayEquals(new int[] {1, 2, 3, 9}, two.topK(SCORES, content, ALL, early, 4));
  }

  @Test
  void contentOrderNeedsItsRow() {
    ExposurePolicy byContent = new ExposurePolicy(1, 0, 0f, ExposurePolicy.YoungOrder.CONTENT);
    assertThrows(IllegalArgumentException.class, () -> byContent.topK(SCORES, ALL, young(8), 4));
    // Without slots the order is never used: the plain ranking needs no second row.
    ExposurePolicy noSlots = new ExposurePolicy(0, 0, 1f, ExposurePolicy.YoungOrder.CONTENT);
    assertArrayEquals(
        new ExposurePolicy(0, 0, 1f).topK(SCORES, ALL, young(8), 4),
        noSlots.topK(SCORES, ALL, young(8), 4));
    assertThrows(IllegalArgumentException.class, () -> fullTop3(List.of(byContent), null));
    // With one young item (10) every order picks it: the content path gives the score path's
    // metrics, and the second scorer is only asked for rows when a policy needs them.
    List<EvalResult> r = fullTop3(List.of(ExposurePolicy.slots(1), byContent), descending());
    assertEquals(r.get(0).overall().hr(), r.get(1).overall().hr(), 0);
    assertEquals(r.get(0).coldItems().ndcg(), r.get(1).coldItems().ndcg(), 0);
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ExposurePolicy(-1, 0, 0f));
    assertThrows(IllegalArgumentException.class, () -> new ExposurePolicy(1, -1, 0f));
    assertThrows(IllegalArgumentException.class, () -> new ExposurePolicy(1, 0, Float.NaN));
  }

  @Test
  void labelsNameTheKnobs() {
    assertEquals("none", ExposurePolicy.NONE.label());
    assertEquals("slots 2", ExposurePolicy.slots(2).label());
    assertEquals("bonus 0.5", new ExposurePolicy(0, 0, 0.5f).label());
    assertEquals("slots 1, bonus 2 (count ≤ 3)", new ExposurePolicy(1, 3, 2f).label());
    assertEquals(
        "slots 2 by content",
        new ExposurePolicy(2, 0, 0f, ExposurePolicy.YoungOrder.CONTENT).label());
  }

  /** 3 users, 10 items; item 10 never trained on (count 0), items 7..9 once. */
  private static SequenceSplit split() {
    int[][] train = {{1, 2, 3, 7}, {1, 2, 8}, {4, 5, 1, 2, 3, 6, 9}};
    int[] valid = {4, 3, 5};
    int[] test = {10, 6, 10};
    int[] pop = new int[11];
    Arrays.fill(pop, 1);
    return new SequenceSplit("hand", 10, train, valid, test, pop, 3, 4);
  }

  /** Item i scores 10 - i, as {@link #SCORES}: item 10 (young) scores last. */
  private static CaseScorer descending() {
    return new CaseScorer() {
      @Override
      public int numItems() {
        return 10;
      }

      @Override
      public float[][] score(List<int[]> histories) {
        float[][] out = new float[histories.size()][];
        for (int u = 0; u < out.length; u++) {
          out[u] = SCORES.clone();
        }
        return out;
      }
    };
  }

  private static final EvalProtocol FULL_TOP3 =
      new EvalProtocol(EvalProtocol.Ranking.FULL, 1, 3, 0, 0, 1);

  /** Item 10, never trained on in {@link #split()}. */
  private static final ColdItems COLD_10 = new ColdItems(0.1, 1, new int[] {10});

  /** Full ranking with k = 3 on {@link #split()}, item 10 cold, scored by {@link #descending()}. */
  private static List<EvalResult> fullTop3(List<ExposurePolicy> policies, CaseScorer youngScorer) {
    return new Evaluator(2)
        .evaluate(descending(), split(), Stage.TEST, FULL_TOP3, COLD_10, policies, youngScorer);
  }

  @Test
  void evaluatorComputesHitRateAndNdcgUnderThePolicy() {
    // Full ranking, k = 3. Test inputs: user 0 {1,2,3,7,4} target 10; user 1 {1,2,8,3} target 6;
    // user 2 {4,5,1,2,3,6,9,5} target 10. Only item 10 is young (count 0).
    List<EvalResult> r = fullTop3(List.of(ExposurePolicy.NONE, ExposurePolicy.slots(1)), null);
    // Plain: user 0's candidates 5,6,8,9 outrank 10 (rank 4, miss); user 1: 4,5 above 6 (rank 2,
    // NDCG 1/log2 4 = 0.5); user 2: 7,8 above 10 (rank 2, NDCG 0.5).
    EvalResult plain = r.get(0);
    assertEquals(2.0 / 3, plain.overall().hr(), 1e-12);
    assertEquals(1.0 / 3, plain.overall().ndcg(), 1e-12);
    assertEquals(2, plain.coldItems().cases());
    assertEquals(0.5, plain.coldItems().hr(), 1e-12);
    assertEquals(0.25, plain.coldItems().ndcg(), 1e-12);
    // One slot: user 0 shows 5, 6, 10 (rank 2, NDCG 0.5); user 1 shows 4, 5, 10: its target 6 was
    // replaced (rank 3, miss); user 2 already shows 10 at rank 2.
    EvalResult slot = r.get(1);
    assertEquals(2.0 / 3, slot.overall().hr(), 1e-12);
    assertEquals(1.0 / 3, slot.overall().ndcg(), 1e-12);
    assertEquals(1.0, slot.coldItems().hr(), 1e-12);
    assertEquals(0.5, slot.coldItems().ndcg(), 1e-12);
    assertEquals(2, slot.coldItems().cases());
    // The single-policy call is the NONE entry.
    EvalResult single =
        new Evaluator(2).evaluate(descending(), split(), Stage.TEST, FULL_TOP3, COLD_10);
    assertEquals(plain, single);
  }

  @Test
  void sampledRankingAppliesTheSameRuleToTheCandidateList() {
    SequenceSplit split = split();
    // User 2 has 8 items in its sequence: 2 negatives is what 10 items allow.
    EvalProtocol sampled = new EvalProtocol(EvalProtocol.Ranking.SAMPLED, 2, 2, 0, 0, 5);
    ColdItems cold = new ColdItems(0.1, 1, new int[] {10});
    List<EvalResult> r =
        new Evaluator()
            .evaluate(
                descending(),
                split,
                Stage.TEST,
                sampled,
                cold,
                List.of(ExposurePolicy.NONE, ExposurePolicy.slots(1)),
                null);
    // The same negatives as a plain evaluation with that seed.
    assertEquals(
        new Evaluator().evaluate(descending(), split, Stage.TEST, sampled, cold), r.get(0));
    // Replay the draws by hand: every case under 1 slot, k = 2.
    Random rng = new Random(5);
    boolean[] excluded = new boolean[11];
    boolean[] y = ExposurePolicy.slots(1).youngMask(split);
    double hr = 0;
    double ndcg = 0;
    for (int u = 0; u < 3; u++) {
      int[] neg =
          Evaluator.sampleNegatives(
              Stage.TEST.input(split, u), split.test()[u], 10, 2, excluded, rng);
      int rank = ExposurePolicy.slots(1).rank(SCORES, split.test()[u], neg, y, 2);
      hr += RankMetrics.hit(rank, 2);
      ndcg += RankMetrics.ndcg(rank, 2);
    }
    assertEquals(hr / 3, r.get(1).overall().hr(), 1e-12);
    assertEquals(ndcg / 3, r.get(1).overall().ndcg(), 1e-12);
    // Item 10 scores lowest, so plain ranking never shows it among 3 candidates with k = 2; the
    // slot always does, at the last position.
    assertEquals(0.0, r.get(0).coldItems().hr(), 1e-12);
    assertEquals(1.0, r.get(1).coldItems().hr(), 1e-12);
    assertEquals(1 / (Math.log(3) / Math.log(2)), r.get(1).coldItems().ndcg(), 1e-12);
  }
}
