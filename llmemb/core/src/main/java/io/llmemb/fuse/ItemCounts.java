package io.llmemb.fuse;

import io.llmemb.bundle.BundleException;
import io.llmemb.bundle.NpyArray;
import io.llmemb.data.SequenceSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Interactions per item in the <em>training</em> sequences only (never validation or test items, so
 * the gate cannot see the targets), the signal the fused model's gate reads on a log scale. Stored
 * beside the model: the gate must be fed the counts it was trained with, and a brand-new item has
 * count 0.
 *
 * @param counts length {@code numItems + 1}; index 0 (padding) is 0
 */
public record ItemCounts(int[] counts) {

  /** File name beside a model's weights. */
  public static final String FILE = "item-counts.npy";

  public ItemCounts {
    if (counts.length < 2 || counts[0] != 0 || Arrays.stream(counts).anyMatch(c -> c < 0)) {
      throw new IllegalArgumentException(
          "counts need numItems + 1 >= 2 non-negative entries with 0 at index 0");
    }
    counts = counts.clone();
  }

  /**
   * Counts every occurrence of every item in {@code split.train()} (after the cold-item protocol,
   * if any, so a cold item counts 0).
   */
  public static ItemCounts fromTraining(SequenceSplit split) {
    int[] c = new int[split.numItems() + 1];
    for (int[] seq : split.train()) {
      for (int item : seq) {
        c[item]++;
      }
    }
    return new ItemCounts(c);
  }

  /** Largest item id. */
  public int numItems() {
    return counts.length - 1;
  }

  /** Training interactions of {@code item}. */
  public int count(int item) {
    return counts[item];
  }

  /** A copy of the counts. */
  @Override
  public int[] counts() {
    return counts.clone();
  }

  /** {@code log1p(count)} per id (index 0 is 0). */
  public float[] logScaled() {
    float[] out = new float[counts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.log1p(counts[i]);
    }
    return out;
  }

  /** Writes the counts as an int32 {@code .npy} vector. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, NpyArray.of(counts).toNpy());
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IOException when the file is missing, not an int32 vector, or not valid counts (the
   *     message names it)
   */
  public static ItemCounts read(Path file) throws IOException {
    try {
      NpyArray a = NpyArray.fromNpy(file.toString(), Files.readAllBytes(file));
      if (a.ints() == null || a.shape().length != 1) {
        throw new IOException(
            file
                + ": item counts must be an int32 vector, found "
                + a.dtype()
                + " "
                + Arrays.toString(a.shape()));
      }
      return new ItemCounts(a.ints());
    } catch (BundleException | IllegalArgumentException e) {
      throw new IOException(file + ": not valid item counts: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemCounts c && Arrays.equals(c.counts, counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ItemCounts["
        + numItems()
        + " items, "
        + Arrays.stream(counts).filter(c -> c == 0).count()
        + " at 0]";
  }
}
