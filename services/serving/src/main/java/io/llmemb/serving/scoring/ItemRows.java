package io.llmemb.serving.scoring;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one copy of the item vectors serving scores against: row-major {@code float} chunks of {@link
 * #CHUNK_ROWS} rows, the raw id of every row and whether it may be recommended (a deleted item
 * keeps its row, so an undelete needs no new vector).
 *
 * <p>One writer (the global-store thread; writes are {@code synchronized}) and any number of
 * lock-free readers: a row is written before the volatile {@link #count()} that makes it visible,
 * and growing adds a chunk instead of copying the rows, so a scan never waits for an insert and an
 * insert never waits for a scan. A reader racing an in-place replacement of a vector may score that
 * one item with part of its old vector for that one scan.
 */
public final class ItemRows {

  /**
   * Rows per chunk: large enough for the scan to stream, small enough that growing costs nothing
   * noticeable.
   */
  public static final int CHUNK_ROWS = 4096;

  static final int CHUNK_SHIFT = 12;

  private final int hidden;
  private final Map<String, Integer> rowOf = new ConcurrentHashMap<>();
  private volatile float[][] vectors = new float[0][];
  private volatile String[][] ids = new String[0][];
  private volatile boolean[][] active = new boolean[0][];
  private volatile int count;
  private volatile int activeCount;

  /** Empty rows of width {@code hidden}. */
  public ItemRows(int hidden) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, was " + hidden);
    }
    this.hidden = hidden;
  }

  /** Width H of every vector. */
  public int hidden() {
    return hidden;
  }

  /**
   * Rows written so far, active or not; rows {@code 0..count()-1} are readable. A scan calls this
   * first: it also reads the volatile the active flags are published through, so the scan sees
   * every earlier delete.
   */
  public int count() {
    return activeCount >= 0 ? count : 0;
  }

  /** Rows that may be recommended. */
  public int activeCount() {
    return activeCount;
  }

  /** Adds or replaces the vector of {@code itemId}, marks it active and returns its row. */
  public synchronized int put(String itemId, float[] vector) {
    if (vector.length != hidden) {
      throw new IllegalArgumentException(
          "vector of item "
              + itemId
              + " has width "
              + vector.length
              + ", the index holds width "
              + hidden);
    }
    Integer existing = rowOf.get(itemId);
    int row = existing != null ? existing : count;
    int chunk = row >>> CHUNK_SHIFT;
    if (chunk >= vectors.length) {
      grow(chunk + 1);
    }
    System.arraycopy(vector, 0, vectors[chunk], (row & (CHUNK_ROWS - 1)) * hidden, hidden);
    ids[chunk][row & (CHUNK_ROWS - 1)] = itemId;
    setActive(row, true);
    if (existing == null) {
      rowOf.put(itemId, row);
      count = row + 1; // publishes the row to readers
    }
    return row;
  }

  /** Marks {@code itemId} active or not; the row it has, or -1 when it has none. */
  public synchronized int setActive(String itemId, boolean recommendable) {
    Integer row = rowOf.get(itemId);
    if (row == null) {
      return -1;
    }
    setActive(row, recommendable);
    return row;
  }

  /** The row of {@code itemId}, or -1. */
  public int rowOf(String itemId) {
    Integer row = rowOf.get(itemId);
    return row == null ? -1 : row;
  }

  /** Whether {@code row} may be recommended. */
  public boolean isActive(int row) {
    return active[row >>> CHUNK_SHIFT][row & (CHUNK_ROWS - 1)];
  }

  /** Raw item id of {@code row}. */
  public String id(int row) {
    return ids[row >>> CHUNK_SHIFT][row & (CHUNK_ROWS - 1)];
  }

  /** A copy of the vector of {@code row}. */
  public float[] vector(int row) {
    int offset = (row & (CHUNK_ROWS - 1)) * hidden;
    return Arrays.copyOfRange(vectors[row >>> CHUNK_SHIFT], offset, offset + hidden);
  }

  /** Copies the vector of {@code row} into {@code out}. */
  public void vector(int row, float[] out) {
    vector(row, out, 0);
  }

  /** Copies the vector of {@code row} into {@code out[offset .. offset + hidden)}. */
  public void vector(int row, float[] out, int offset) {
    System.arraycopy(
        vectors[row >>> CHUNK_SHIFT], (row & (CHUNK_ROWS - 1)) * hidden, out, offset, hidden);
  }

  /**
   * Chunk {@code c}: rows {@code c * CHUNK_ROWS ..}, row-major, {@link #CHUNK_ROWS} x H (only the
   * first rows of the last chunk are written).
   */
  public float[] chunk(int c) {
    return vectors[c];
  }

  private void setActive(int row, boolean recommendable) {
    boolean[] flags = active[row >>> CHUNK_SHIFT];
    int slot = row & (CHUNK_ROWS - 1);
    if (flags[slot] != recommendable) {
      flags[slot] = recommendable;
      activeCount += recommendable ? 1 : -1; // volatile write: publishes the flag
    }
  }

  private void grow(int chunks) {
    float[][] v = Arrays.copyOf(vectors, chunks);
    String[][] i = Arrays.copyOf(ids, chunks);
    boolean[][] a = Arrays.copyOf(active, chunks);
    for (int c = vectors.length; c < chunks; c++) {
      v[c] = new float[CHUNK_ROWS * hidden];
      i[c] = new String[CHUNK_ROWS];
      a[c] = new boolean[CHUNK_ROWS];
    }
    // Assigned before count, so a reader that sees a row also sees its chunk.
    ids = i;
    active = a;
    vectors = v;
  }
}
