package io.llmemb.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.llmemb.data.SequenceSplit;
import java.util.Arrays;
import java.util.Locale;

/**
 * An exposure policy for young items, applied on top of any model's scores (docs/llmemb-method.md
 * §11.1): a brand-new item, scored by its text view alone, rarely earns a place in a top-k among
 * thousands, so a share of the k positions is reserved for it.
 *
 * <p>An item is <em>young</em> when its training-interaction count is at most {@code youngMaxCount}
 * (count 0 = an item the model never trained on: every cold item of the cold-item protocol). Given
 * the candidates (serving: every item the user has not seen; evaluation: the protocol's candidates
 * plus the target):
 *
 * <ol>
 *   <li>every young item's score gets {@code bonus} added (a calibration shift; 0 = none);
 *   <li>the plain top-k is taken by that score, highest first; ties keep the lower item id first
 *       (serving's rule) and, in evaluation, the target below every candidate with its score (the
 *       pessimistic rule of {@link RankMetrics});
 *   <li>if it holds fewer than {@code slots} young items, the best young items outside it replace
 *       its lowest non-young items until it holds {@code slots} young items or no young candidate
 *       is left. "Best" is by {@code youngOrder}: the same score ({@link YoungOrder#SCORE}), or a
 *       second score row given with the scores ({@link YoungOrder#CONTENT}: the young item's text
 *       similarity to the user's recent items, {@link ContentScorer}). Everything kept keeps its
 *       order, so a young item already in the top-k keeps its rank and counts towards the slots;
 *       the entering young items score below every kept item, so the rank their score earns among
 *       the k shown is after every kept item: they take the last positions, best first.
 * </ol>
 *
 * <p>Below the top-k the order is the plain one (the replaced items come first, then the rest).
 * {@code slots = 0} and {@code bonus = 0} is the plain ranking, {@link #NONE}.
 *
 * @param slots positions of the top-k reserved for young items, {@code 0 <= slots}; a policy with
 *     more slots than k fills all k with young items when there are enough
 * @param youngMaxCount largest training-interaction count of a young item, {@code >= 0}
 * @param bonus added to every young item's score before ranking; finite
 * @param youngOrder which score orders the young items that enter the slots
 */
public record ExposurePolicy(int slots, int youngMaxCount, float bonus, YoungOrder youngOrder) {

  /** The plain ranking: no slot, no bonus. */
  public static final ExposurePolicy NONE = new ExposurePolicy(0, 0, 0f);

  /** What orders the young candidates that compete for the slots. */
  public enum YoungOrder {
    /** The model's score (plus the bonus): the best young items by the ranking itself. */
    SCORE,
    /**
     * A second score row of text similarity to the user's history ({@link ContentScorer}): a young
     * item's text view is trained with few or no interactions, and on the default data it ranks the
     * right young item lower than plain content similarity does (docs/llmemb-method.md §11.1).
     */
    CONTENT
  }

  /** A policy whose slots take the best young items by the model's score. */
  public ExposurePolicy(int slots, int youngMaxCount, float bonus) {
    this(slots, youngMaxCount, bonus, YoungOrder.SCORE);
  }

  public ExposurePolicy {
    if (youngOrder == null) {
      throw new IllegalArgumentException("youngOrder must be given");
    }
    if (slots < 0) {
      throw new IllegalArgumentException("slots must be >= 0, was " + slots);
    }
    if (youngMaxCount < 0) {
      throw new IllegalArgumentException("youngMaxCount must be >= 0, was " + youngMaxCount);
    }
    if (!Float.isFinite(bonus)) {
      throw new IllegalArgumentException("bonus must be finite, was " + bonus);
    }
  }

  /** {@code slots} young slots for count-0 items, no bonus. */
  public static ExposurePolicy slots(int slots) {
    return new ExposurePolicy(slots, 0, 0f);
  }

  /** Whether this is the plain ranking (no slot, no bonus). */
  @JsonIgnore
  public boolean isNone() {
    return slots == 0 && bonus == 0f;
  }

  /** Whether ranking needs the second score row ({@link YoungOrder#CONTENT} with slots). */
  @JsonIgnore
  public boolean needsYoungScores() {
    return slots > 0 && youngOrder == YoungOrder.CONTENT;
  }

  /**
   * Short label for tables: {@code none}, {@code slots 2}, {@code bonus 0.5}, {@code slots 1, bonus
   * 0.5}, {@code slots 2 by content}.
   */
  public String label() {
    if (isNone()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    if (slots > 0) {
      sb.append("slots ").append(slots);
    }
    if (bonus != 0f) {
      sb.append(sb.isEmpty() ? "" : ", ").append("bonus ").append(formatBonus(bonus));
    }
    if (needsYoungScores()) {
      sb.append(" by content");
    }
    if (youngMaxCount > 0) {
      sb.append(" (count ≤ ").append(youngMaxCount).append(')');
    }
    return sb.toString();
  }

  private static String formatBonus(float b) {
    return b == Math.rint(b) ? String.valueOf((long) b) : String.format(Locale.ROOT, "%s", b);
  }

  /**
   * Which items are young by the counts of {@code split}'s training sequences (every occurrence, as
   * {@code fuse.ItemCounts.fromTraining} counts them, after the cold-item protocol if any).
   *
   * @return length {@code numItems + 1}; entry 0 (padding) false
   */
  public boolean[] youngMask(SequenceSplit split) {
    int[] counts = new int[split.numItems() + 1];
    for (int[] seq : split.train()) {
      for (int item : seq) {
        counts[item]++;
      }
    }
    return youngMask(counts);
  }

  /**
   * Which items are young.
   *
   * @param counts training interactions per item id (entry 0 padding)
   * @return same length; entry 0 false
   */
  public boolean[] youngMask(int[] counts) {
    boolean[] young = new boolean[counts.length];
    for (int i = 1; i < counts.length; i++) {
      young[i] = counts[i] <= youngMaxCount;
    }
    return young;
  }

  /**
   * The top-k list this policy shows, best first (what serving recommends).
   *
   * @param scores one row of item scores, indexed by item id
   * @param candidates the recommendable item ids (serving: items the user has not seen), distinct
   * @param young young items ({@link #youngMask})
   * @param k list length
   * @return at most k item ids
   */
  public int[] topK(float[] scores, int[] candidates, boolean[] young, int k) {
    return topK(scores, null, candidates, young, k);
  }

  /**
   * Same, with the row that orders young candidates for the slots.
   *
   * @param youngScores indexed by item id; required when {@link #needsYoungScores()}, else ignored
   */
  public int[] topK(float[] scores, float[] youngScores, int[] candidates, boolean[] young, int k) {
    return new Selection(scores, youngRow(youngScores), young, NO_TARGET).top(candidates, k);
  }

  /**
   * 0-based rank of {@code target} in this policy's ranking of {@code target} and {@code
   * candidates}: its position in the list of {@link #topK} if there, else k plus the items ranked
   * above it outside that list. With {@link #NONE} this is {@link RankMetrics#rank}.
   *
   * @param scores one row of item scores, indexed by item id
   * @param target the evaluated item
   * @param candidates the competing item ids, distinct and without {@code target}
   * @param young young items ({@link #youngMask})
   * @param k cut-off
   */
  public int rank(float[] scores, int target, int[] candidates, boolean[] young, int k) {
    return rank(scores, null, target, candidates, young, k);
  }

  /**
   * Same, with the row that orders young candidates for the slots.
   *
   * @param youngScores indexed by item id; required when {@link #needsYoungScores()}, else ignored
   */
  public int rank(
      float[] scores, float[] youngScores, int target, int[] candidates, boolean[] young, int k) {
    if (isNone()) {
      return RankMetrics.rank(scores, target, candidates);
    }
    Selection s = new Selection(scores, youngRow(youngScores), young, target);
    int plain = 0;
    for (int c : candidates) {
      if (s.before(c, target)) {
        plain++;
      }
    }
    if (slots == 0) {
      return plain;
    }
    int[] all = Arrays.copyOf(candidates, candidates.length + 1);
    all[candidates.length] = target;
    int[] shown = s.top(all, k);
    int above = 0;
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] == target) {
        return i;
      }
      if (s.before(shown[i], target)) {
        above++;
      }
    }
    return shown.length + plain - above;
  }

  private static final int NO_TARGET = -1;

  private float[] youngRow(float[] youngScores) {
    if (!needsYoungScores()) {
      return null;
    }
    if (youngScores == null) {
      throw new IllegalArgumentException(label() + " orders young items by a second score row");
    }
    return youngScores;
  }

  /** The order of one score row under this policy's bonus, and the slot rule over it. */
  private final class Selection {

    private final float[] scores;
    private final float[] youngScores;
    private final boolean[] young;
    private final int target;

    /** {@code youngScores} null: young items compete for the slots by {@link #key}. */
    Selection(float[] scores, float[] youngScores, boolean[] young, int target) {
      this.scores = scores;
      this.youngScores = youngScores;
      this.young = young;
      this.target = target;
    }

    /** Score after the bonus; NaN ranks above everything, as in {@link RankMetrics}. */
    float key(int item) {
      float s = scores[item];
      if (Float.isNaN(s)) {
        return Float.POSITIVE_INFINITY;
      }
      return young[item] ? s + bonus : s;
    }

    /** Whether {@code a} is ranked above {@code b} (a != b). */
    boolean before(int a, int b) {
      return before(key(a), key(b), a, b);
    }

    /** Whether young item {@code a} takes a slot before young item {@code b} (a != b). */
    boolean youngBefore(int a, int b) {
      if (youngScores == null) {
        return before(a, b);
      }
      return before(youngKey(a), youngKey(b), a, b);
    }

    private float youngKey(int item) {
      float s = youngScores[item];
      return Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s;
    }

    /** Higher key first; ties: the target last, else the lower id first. */
    private boolean before(float ka, float kb, int a, int b) {
      if (ka != kb) {
        return ka > kb;
      }
      if (a == target) {
        return false;
      }
      return b == target || a < b;
    }

    /** The policy's top-k of {@code items}. */
    int[] top(int[] items, int k) {
      int[] plain = best(items, k, false, null);
      int youngIn = 0;
      for (int item : plain) {
        if (young[item]) {
          youngIn++;
        }
      }
      int need = Math.min(slots, k) - youngIn;
      if (need <= 0) {
        return plain;
      }
      int[] entering = best(items, need, true, plain);
      int m = entering.length;
      if (m == 0) {
        return plain;
      }
      // Drop the m lowest non-young items of the plain top-k, keep the rest in order.
      boolean[] drop = new boolean[plain.length];
      int dropped = 0;
      for (int i = plain.length - 1; i >= 0 && dropped < m; i--) {
        if (!young[plain[i]]) {
          drop[i] = true;
          dropped++;
        }
      }
      int[] out = new int[plain.length - dropped + m];
      int n = 0;
      for (int i = 0; i < plain.length; i++) {
        if (!drop[i]) {
          out[n++] = plain[i];
        }
      }
      System.arraycopy(entering, 0, out, n, m);
      return out;
    }

    /**
     * The best {@code k} of {@code items} in order; with {@code youngOnly}, young items only,
     * leaving out those in {@code skip}.
     */
    private int[] best(int[] items, int k, boolean youngOnly, int[] skip) {
      if (k < 1) {
        return new int[0];
      }
      int[] held = new int[k];
      int size = 0;
      for (int item : items) {
        if (youngOnly && (!young[item] || contains(skip, item))) {
          continue;
        }
        if (size == k && !precedes(youngOnly, item, held[size - 1])) {
          continue;
        }
        int i = size < k ? size++ : size - 1;
        while (i > 0 && precedes(youngOnly, item, held[i - 1])) {
          held[i] = held[i - 1];
          i--;
        }
        held[i] = item;
      }
      return Arrays.copyOf(held, size);
    }

    private boolean precedes(boolean youngOnly, int a, int b) {
      return youngOnly ? youngBefore(a, b) : before(a, b);
    }

    private boolean contains(int[] items, int item) {
      for (int i : items) {
        if (i == item) {
          return true;
        }
      }
      return false;
    }
  }
}
