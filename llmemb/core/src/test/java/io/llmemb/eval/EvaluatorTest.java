package io.llmemb.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Protocol behaviour on hand-built splits: exact group metrics, exclusions, negatives. */
class EvaluatorTest {

  /** 3 users, 20 items. Popularity: items 1..5 popular (>= 3), the rest tail. */
  private static SequenceSplit split() {
    int[][] train = {{1, 2, 3}, {1, 2}, {4, 5, 1, 2, 3, 6}};
    int[] valid = {4, 3, 7};
    int[] test = {5, 15, 2};
    int[] pop = new int[21];
    Arrays.fill(pop, 1);
    for (int i = 1; i <= 5; i++) {
      pop[i] = 3;
    }
    return new SequenceSplit("hand", 20, train, valid, test, pop, 3, 4);
  }

  /** Scores item i as i, except that the user's history items get the highest scores. */
  private static CaseScorer historyLover() {
    return new CaseScorer() {
      @Override
      public int numItems() {
        return 20;
      }

      @Override
      public float[][] score(List<int[]> histories) {
        float[][] out = new float[histories.size()][21];
        for (int u = 0; u < out.length; u++) {
          for (int i = 1; i <= 20; i++) {
            out[u][i] = i;
          }
          for (int h : histories.get(u)) {
            out[u][h] = 1000f;
          }
        }
        return out;
      }
    };
  }

  @Test
  void fullRankingIgnoresHistoryItemsAndGivesExactGroups() {
    EvalResult r =
        new Evaluator(2).evaluate(historyLover(), split(), Stage.TEST, EvalProtocol.full(1));
    // user 0: history {1,2,3,4}, target 5 -> items 6..20 (15) score higher: rank 15, miss.
    // user 1: history {1,2,3}, target 15 -> items 16..20 higher: rank 5, NDCG 1/log2(7).
    // user 2: history {4,5,1,2,3,6,7}, target 2 is a repeat: scored 1000, candidates 8..20 score
    // lower: rank 0.
    double n1 = 1 / (Math.log(7) / Math.log(2));
    assertEquals(3, r.overall().cases());
    assertEquals(2.0 / 3, r.overall().hr(), 1e-12);
    assertEquals((n1 + 1.0) / 3, r.overall().ndcg(), 1e-12);
    assertEquals(1, r.tailItems().cases()); // target 15
    assertEquals(n1, r.tailItems().ndcg(), 1e-12);
    assertEquals(2, r.headItems().cases());
    assertEquals(0.5, r.headItems().hr(), 1e-12);
    // Test inputs have 4, 3 and 7 items; only user 1's (3 < 4) is a tail user, and it hit at rank
    // 5.
    assertEquals(1, r.tailUsers().cases());
    assertEquals(n1, r.tailUsers().ndcg(), 1e-12);
    assertEquals(2, r.longUsers().cases());
  }

  @Test
  void coldGroupHoldsExactlyTheCasesWithAColdTarget() {
    // Targets 5, 15, 2; items 15 and 2 cold -> users 1 (rank 5) and 2 (rank 0) form the cold group.
    ColdItems cold = new ColdItems(0.1, 1, new int[] {2, 15});
    EvalResult r =
        new Evaluator(2).evaluate(historyLover(), split(), Stage.TEST, EvalProtocol.full(1), cold);
    double n1 = 1 / (Math.log(7) / Math.log(2));
    assertEquals(2, r.coldItems().cases());
    assertEquals(1.0, r.coldItems().hr(), 1e-12);
    assertEquals((n1 + 1.0) / 2, r.coldItems().ndcg(), 1e-12);
    assertEquals(
        0,
        new Evaluator()
            .evaluate(historyLover(), split(), Stage.TEST, EvalProtocol.full(1))
            .coldItems()
            .cases());
  }

  @Test
  void sampledNegativesAvoidTheSequenceAndRepeatNothing() {
    boolean[] scratch = new boolean[21];
    int[] input = {1, 2, 3, 4};
    int[] neg = Evaluator.sampleNegatives(input, 5, 20, 15, scratch, new Random(3));
    assertEquals(15, Arrays.stream(neg).distinct().count(), "no repeats");
    assertTrue(Arrays.stream(neg).allMatch(i -> i >= 6 && i <= 20), "only items outside 1..5");
    for (boolean b : scratch) {
      assertFalse(b, "scratch is cleared");
    }
  }

  @Test
  void constantScorerScoresZeroAndRandomIsNearChance() {
    SequenceSplit s = io.llmemb.srs.SyntheticSplits.ring(400, 300, 5, 10, 0.5, 1);
    CaseScorer constant =
        new CaseScorer() {
          @Override
          public int numItems() {
            return 300;
          }

          @Override
          public float[][] score(List<int[]> h) {
            return new float[h.size()][301];
          }
        };
    assertEquals(
        0.0,
        new Evaluator().evaluate(constant, s, Stage.TEST, EvalProtocol.sampled(1)).overall().hr());
    double hr =
        new Evaluator()
            .evaluate(new RandomScorer(300, 5), s, Stage.TEST, EvalProtocol.sampled(1))
            .overall()
            .hr();
    assertEquals(10.0 / 101, hr, 0.04, "random HR@10 of 1 positive among 101");
  }
}
