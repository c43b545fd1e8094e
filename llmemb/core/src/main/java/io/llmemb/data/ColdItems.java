package io.llmemb.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The cold-item protocol (docs/llmemb-method.md §11): a seeded, uniform selection of a fraction of
 * the catalogue whose every <em>training</em> interaction is removed while the items stay in the
 * catalogue, so evaluation can report the test cases whose target is an item the model never
 * trained on (the brand-new item a streaming system must score from its text alone).
 *
 * <p>{@link #apply(SequenceSplit)} drops cold items from every training sequence. Because the
 * validation input is the training sequence, their validation-input occurrences go too; the test
 * input is the filtered training sequence plus the validation item. Validation and test
 * <em>targets</em> are kept: they are the evaluated interactions. Popularity and the tail cut are
 * left as prepared, so the tail group means the same with and without the protocol.
 *
 * @param fraction share of items selected, in [0, 1)
 * @param seed seed of the selection
 * @param items the selected item ids, ascending
 */
public record ColdItems(double fraction, long seed, int[] items) {

  /** Default share of cold items (docs/llmemb-method.md §11). */
  public static final double DEFAULT_FRACTION = 0.10;

  /** File in a model directory naming the cold items the model never trained on. */
  public static final String FILE = "cold-items.json";

  private static final ColdItems NONE = new ColdItems(0, 0, new int[0]);
  private static final ObjectMapper JSON = new ObjectMapper();

  public ColdItems {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("cold fraction must be in [0, 1), was " + fraction);
    }
    items = items.clone();
    Arrays.sort(items);
  }

  /** No cold items: the protocol switched off. */
  public static ColdItems none() {
    return NONE;
  }

  /**
   * Picks {@code round(fraction * numItems)} items uniformly (a seeded partial Fisher-Yates shuffle
   * of {@code 1..numItems}): the same split, fraction and seed always give the same items.
   *
   * @param numItems largest item id
   * @param fraction share of items, in [0, 1)
   * @param seed selection seed
   */
  public static ColdItems select(int numItems, double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("cold fraction must be in [0, 1), was " + fraction);
    }
    int count = (int) Math.round(fraction * numItems);
    int[] ids = new int[numItems];
    for (int i = 0; i < numItems; i++) {
      ids[i] = i + 1;
    }
    // A generator of its own, decorrelated from the training seed's other uses by a fixed salt.
    Random rng = new Random(seed ^ 0x5DEECE66DL * 31);
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(numItems - i);
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return new ColdItems(fraction, seed, Arrays.copyOf(ids, count));
  }

  /** The selected ids, ascending (a copy). */
  @Override
  public int[] items() {
    return items.clone();
  }

  /** Whether the protocol selects no item. */
  @JsonIgnore
  public boolean isEmpty() {
    return items.length == 0;
  }

  /** Number of cold items. */
  public int size() {
    return items.length;
  }

  /** Whether {@code item} is cold. */
  public boolean contains(int item) {
    return Arrays.binarySearch(items, item) >= 0;
  }

  /** The ids as a membership mask of length {@code numItems + 1}. */
  public boolean[] mask(int numItems) {
    boolean[] m = new boolean[numItems + 1];
    for (int i : items) {
      if (i > numItems) {
        throw new IllegalArgumentException("cold item " + i + " is outside 1.." + numItems);
      }
      m[i] = true;
    }
    return m;
  }

  /**
   * The split the model trains on: every cold item removed from every training sequence (a training
   * sequence may become empty; it then contributes no training label).
   *
   * @param split the prepared split
   * @return the same split when the protocol is off, else a copy with filtered training sequences
   */
  public SequenceSplit apply(SequenceSplit split) {
    if (isEmpty()) {
      return split;
    }
    boolean[] cold = mask(split.numItems());
    int[][] train = new int[split.numUsers()][];
    for (int u = 0; u < train.length; u++) {
      train[u] = Arrays.stream(split.train()[u]).filter(i -> !cold[i]).toArray();
    }
    return new SequenceSplit(
        split.name(),
        split.numItems(),
        train,
        split.valid(),
        split.test(),
        split.popularity(),
        split.tailThreshold(),
        split.tailUserThreshold());
  }

  /** Writes {@value #FILE} into a model directory (nothing when the protocol is off). */
  public void writeTo(Path modelDir) throws IOException {
    if (isEmpty()) {
      return;
    }
    Files.createDirectories(modelDir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(FILE).toFile(), this);
  }

  /**
   * The cold items a model directory was trained without: {@link #none()} when it holds no {@value
   * #FILE}.
   *
   * @throws IOException when the file exists but cannot be read (the message names it)
   */
  public static ColdItems readFrom(Path modelDir) throws IOException {
    Path f = modelDir.resolve(FILE);
    if (!Files.exists(f)) {
      return NONE;
    }
    try {
      return JSON.readValue(f.toFile(), ColdItems.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(f + ": not a cold-item selection: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a model directory trained on another cold-item selection than {@code this}: a model
   * that trained on a cold item's interactions (or the reverse) would leak them into whatever
   * builds on it.
   *
   * @param modelDir a directory written by {@code train}
   * @param role what the model is for, for the message ("pre-trained SASRec")
   */
  public void requireSameAs(Path modelDir, String role) throws IOException {
    ColdItems other = readFrom(modelDir);
    if (!other.equals(this)) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " in "
              + modelDir
              + " was trained with "
              + other
              + ", this run uses "
              + this
              + ": retrain it with the same --cold-fraction and --cold-seed");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColdItems c
        && c.fraction == fraction
        && c.seed == seed
        && Arrays.equals(c.items, items);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seed) * 31 + Arrays.hashCode(items);
  }

  @Override
  public String toString() {
    return "ColdItems[fraction=" + fraction + ", seed=" + seed + ", " + items.length + " items]";
  }
}
