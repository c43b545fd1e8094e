package io.llmemb.eval;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs an {@link EvalProtocol} over every user of a split (docs/llmemb-method.md §5).
 *
 * <p>Sampled: negatives are drawn uniformly from 1..numItems by rejection, excluding the user's
 * evaluated sequence (input + target; for the test stage that is train + valid + test) and
 * negatives already drawn. Full: every item except those in the input history competes with the
 * target; the target itself is scored even when the user had it before (repeat consumption). Items
 * the user already had are never candidates. Either ranking can be taken under {@link
 * ExposurePolicy exposure policies} (§11.1), several at once over the same scores and negatives.
 */
public final class Evaluator {

  /** Users scored per call to the scorer. */
  public static final int DEFAULT_BATCH = 256;

  private final int batchSize;

  /**
   * @param batchSize users per scorer call
   */
  public Evaluator(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** Evaluator with {@value #DEFAULT_BATCH} users per batch. */
  public Evaluator() {
    this(DEFAULT_BATCH);
  }

  /**
   * @param scorer model or baseline
   * @param split data
   * @param stage validation or test cases
   * @param protocol candidates, k, thresholds, seed
   * @return metrics per group
   */
  public EvalResult evaluate(
      CaseScorer scorer, SequenceSplit split, Stage stage, EvalProtocol protocol) {
    return evaluate(scorer, split, stage, protocol, ColdItems.none());
  }

  /**
   * Same, with the cold-item group: the cases whose target is one of {@code cold}'s items.
   *
   * @param scorer model or baseline
   * @param split data (for the cold-item protocol: the split after {@link ColdItems#apply})
   * @param stage validation or test cases
   * @param protocol candidates, k, thresholds, seed
   * @param cold the cold items ({@link ColdItems#none()} when the protocol is off)
   * @return metrics per group
   */
  public EvalResult evaluate(
      CaseScorer scorer, SequenceSplit split, Stage stage, EvalProtocol protocol, ColdItems cold) {
    return evaluate(scorer, split, stage, protocol, cold, List.of(ExposurePolicy.NONE), null)
        .get(0);
  }

  /**
   * Same, once per exposure policy (docs/llmemb-method.md §11.1): the model scores each case once,
   * each case draws its sampled negatives once, and every policy ranks the same scores over the
   * same candidates. Young items are those {@link ExposurePolicy#youngMask(SequenceSplit)} finds in
   * {@code split}'s training sequences. {@link ExposurePolicy#NONE} gives exactly {@link
   * #evaluate(CaseScorer, SequenceSplit, Stage, EvalProtocol, ColdItems)}. Policies that order the
   * young candidates for their slots by content ({@link ExposurePolicy.YoungOrder#CONTENT}) read a
   * second row per case from {@code youngScorer}, also scored once.
   *
   * @param scorer model or baseline
   * @param split data (for the cold-item protocol: the split after {@link ColdItems#apply})
   * @param stage validation or test cases
   * @param protocol candidates, k, thresholds, seed
   * @param cold the cold items ({@link ColdItems#none()} when the protocol is off)
   * @param policies the policies, at least one
   * @param youngScorer the second row's scorer (e.g. {@link ContentScorer}); null when no policy
   *     needs it
   * @return one result per policy, in the order of {@code policies}
   */
  public List<EvalResult> evaluate(
      CaseScorer scorer,
      SequenceSplit split,
      Stage stage,
      EvalProtocol protocol,
      ColdItems cold,
      List<ExposurePolicy> policies,
      CaseScorer youngScorer) {
    if (scorer.numItems() != split.numItems()) {
      throw new IllegalArgumentException(
          "scorer has " + scorer.numItems() + " items, split has " + split.numItems());
    }
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("at least one exposure policy is needed");
    }
    boolean needsYoung = policies.stream().anyMatch(ExposurePolicy::needsYoungScores);
    if (needsYoung && youngScorer == null) {
      throw new IllegalArgumentException(
          "a policy orders young items by content, but no young-item scorer was given");
    }
    if (needsYoung && youngScorer.numItems() != split.numItems()) {
      throw new IllegalArgumentException(
          "young-item scorer has "
              + youngScorer.numItems()
              + " items, split has "
              + split.numItems());
    }
    int itemThreshold =
        protocol.tailItemThreshold() > 0 ? protocol.tailItemThreshold() : split.tailThreshold();
    int userThreshold =
        protocol.tailUserThreshold() > 0 ? protocol.tailUserThreshold() : split.tailUserThreshold();
    Random rng = new Random(protocol.seed());
    int p = policies.size();
    Groups[] groups = new Groups[p];
    boolean[][] young = new boolean[p][];
    boolean anyPolicy = false;
    for (int i = 0; i < p; i++) {
      groups[i] = new Groups();
      young[i] = policies.get(i).youngMask(split);
      anyPolicy |= !policies.get(i).isNone();
    }
    boolean[] isCold = cold.mask(split.numItems());
    boolean[] excluded = new boolean[split.numItems() + 1];
    for (int start = 0; start < split.numUsers(); start += batchSize) {
      int end = Math.min(split.numUsers(), start + batchSize);
      List<int[]> inputs = new ArrayList<>(end - start);
      for (int u = start; u < end; u++) {
        inputs.add(stage.input(split, u));
      }
      float[][] scores = scorer.score(inputs);
      float[][] youngScores = needsYoung ? youngScorer.score(inputs) : null;
      for (int u = start; u < end; u++) {
        int[] input = inputs.get(u - start);
        int target = stage.target(split, u);
        float[] row = scores[u - start];
        float[] youngRow = needsYoung ? youngScores[u - start] : null;
        int[] negatives =
            protocol.ranking() == EvalProtocol.Ranking.SAMPLED
                ? sampleNegatives(
                    input, target, split.numItems(), protocol.negatives(), excluded, rng)
                : anyPolicy ? fullCandidates(input, target, excluded) : null;
        boolean tailItem = split.popularity()[target] < itemThreshold;
        boolean tailUser = input.length < userThreshold;
        for (int i = 0; i < p; i++) {
          ExposurePolicy policy = policies.get(i);
          int rank =
              protocol.ranking() == EvalProtocol.Ranking.FULL && policy.isNone()
                  ? fullRank(row, input, target, excluded)
                  : policy.rank(row, youngRow, target, negatives, young[i], protocol.k());
          groups[i].add(rank, protocol.k(), tailItem, tailUser, isCold[target]);
        }
      }
    }
    List<EvalResult> out = new ArrayList<>(p);
    for (Groups g : groups) {
      out.add(g.result(protocol));
    }
    return out;
  }

  /** The accumulators of one evaluation. */
  private static final class Groups {
    final GroupAccumulator overall = new GroupAccumulator();
    final GroupAccumulator tailItems = new GroupAccumulator();
    final GroupAccumulator headItems = new GroupAccumulator();
    final GroupAccumulator tailUsers = new GroupAccumulator();
    final GroupAccumulator longUsers = new GroupAccumulator();
    final GroupAccumulator coldItems = new GroupAccumulator();

    void add(int rank, int k, boolean tailItem, boolean tailUser, boolean coldTarget) {
      overall.add(rank, k);
      (tailItem ? tailItems : headItems).add(rank, k);
      (tailUser ? tailUsers : longUsers).add(rank, k);
      if (coldTarget) {
        coldItems.add(rank, k);
      }
    }

    EvalResult result(EvalProtocol protocol) {
      return new EvalResult(
          protocol,
          overall.result(),
          tailItems.result(),
          headItems.result(),
          tailUsers.result(),
          longUsers.result(),
          coldItems.result());
    }
  }

  /**
   * Full ranking's competitors of {@code target}: every item outside the input history except the
   * target; {@code excluded} is scratch space, left all-false.
   */
  static int[] fullCandidates(int[] input, int target, boolean[] excluded) {
    for (int item : input) {
      excluded[item] = true;
    }
    excluded[target] = true;
    int[] out = new int[excluded.length - 1 - (int) countTrue(excluded)];
    int n = 0;
    for (int item = 1; item < excluded.length; item++) {
      if (!excluded[item]) {
        out[n++] = item;
      }
    }
    clear(excluded, input, target, null);
    return out;
  }

  /**
   * Uniform negatives outside the evaluated sequence; {@code excluded} is scratch space, left
   * all-false.
   */
  static int[] sampleNegatives(
      int[] input, int target, int numItems, int count, boolean[] excluded, Random rng) {
    for (int item : input) {
      excluded[item] = true;
    }
    excluded[target] = true;
    int available = numItems - (int) countTrue(excluded);
    if (available < count) {
      clear(excluded, input, target, null);
      throw new IllegalArgumentException(
          "only "
              + available
              + " items are outside the user's sequence, "
              + count
              + " negatives requested");
    }
    int[] negatives = new int[count];
    for (int i = 0; i < count; i++) {
      int item;
      do {
        item = 1 + rng.nextInt(numItems);
      } while (excluded[item]);
      excluded[item] = true;
      negatives[i] = item;
    }
    clear(excluded, input, target, negatives);
    return negatives;
  }

  private static int fullRank(float[] scores, int[] input, int target, boolean[] excluded) {
    for (int item : input) {
      excluded[item] = true;
    }
    float positive = scores[target];
    int rank = 0;
    for (int item = 1; item < excluded.length; item++) {
      if (item != target
          && !excluded[item]
          && (scores[item] >= positive || Float.isNaN(scores[item]))) {
        rank++;
      }
    }
    clear(excluded, input, target, null);
    return rank;
  }

  private static long countTrue(boolean[] flags) {
    long n = 0;
    for (int i = 1; i < flags.length; i++) {
      if (flags[i]) {
        n++;
      }
    }
    return n;
  }

  private static void clear(boolean[] excluded, int[] input, int target, int[] negatives) {
    for (int item : input) {
      excluded[item] = false;
    }
    excluded[target] = false;
    if (negatives != null) {
      Arrays.stream(negatives).forEach(i -> excluded[i] = false);
    }
  }
}
