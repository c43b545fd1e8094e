package io.llmemb.serving.scoring;

import java.util.Arrays;

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
 *
 * <p>The id-to-row map is an open-addressing table of row numbers over the ids the rows already
 * hold (8-16 bytes per item), not a map of boxed entries (about 50 more: 634 against 586 heap bytes
 * per item at a million items in IndexMemoryBench). Readers probe the table they find without a
 * lock; the writer fills a slot only after the row it names is written, and grows by publishing a
 * new table.
 */
public final class ItemRows {

  /**
   * Rows per chunk: large enough for the scan to stream, small enough that growing costs nothing
   * noticeable, and small enough that a chunk is an ordinary object for G1 (128 KB at H 64, 256 KB
   * at H 128). An array of half a G1 region or more is "humongous" and occupies whole regions of
   * its own: the earlier 4,096-row chunks (1 MB at H 64, regions of 1-2 MB in heaps of 2-4 GB)
   * wasted up to one megabyte each, 256 heap bytes per item on top of the vector's 256
   * (IndexMemoryBench).
   */
  public static final int CHUNK_ROWS = 512;

  static final int CHUNK_SHIFT = 9;

  private final int hidden;

  /** Slots hold row + 1 (0 = empty); capacity a power of two, at most half full. */
  private volatile int[] table = new int[16];

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
    int existing = rowOf(itemId);
    int row = existing >= 0 ? existing : count;
    int chunk = row >>> CHUNK_SHIFT;
    if (chunk >= vectors.length) {
      grow(chunk + 1);
    }
    System.arraycopy(vector, 0, vectors[chunk], offset(row), hidden);
    ids[chunk][row & (CHUNK_ROWS - 1)] = itemId;
    setActive(row, true);
    if (existing < 0) {
      index(row, itemId);
      count = row + 1; // publishes the row to readers
    }
    return row;
  }

  /** Marks {@code itemId} active or not; the row it has, or -1 when it has none. */
  public synchronized int setActive(String itemId, boolean recommendable) {
    int row = rowOf(itemId);
    if (row >= 0) {
      setActive(row, recommendable);
    }
    return row;
  }

  /** The row of {@code itemId}, or -1. */
  public int rowOf(String itemId) {
    int[] slots = table;
    int visible = count(); // a row at or past it is still being written: not there yet
    int mask = slots.length - 1;
    for (int i = mix(itemId.hashCode()) & mask; ; i = (i + 1) & mask) {
      int row = slots[i] - 1;
      if (row < 0) {
        return -1;
      }
      if (row < visible && itemId.equals(id(row))) {
        return row;
      }
    }
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
    int offset = offset(row);
    return Arrays.copyOfRange(vectors[row >>> CHUNK_SHIFT], offset, offset + hidden);
  }

  /** Copies the vector of {@code row} into {@code out}. */
  public void vector(int row, float[] out) {
    vector(row, out, 0);
  }

  /** Copies the vector of {@code row} into {@code out[offset .. offset + hidden)}. */
  public void vector(int row, float[] out, int offset) {
    System.arraycopy(vectors[row >>> CHUNK_SHIFT], offset(row), out, offset, hidden);
  }

  /** Squared length of the vector of {@code row}, read in place. */
  public float normSquared(int row) {
    float[] chunk = vectors[row >>> CHUNK_SHIFT];
    float s = 0f;
    for (int j = offset(row), end = j + hidden; j < end; j++) {
      s += chunk[j] * chunk[j];
    }
    return s;
  }

  /** {@code query · (vector of row)} by {@code kernel}, read in place: one graph candidate. */
  public float dot(DotKernel kernel, float[] query, int row) {
    return kernel.dot(query, vectors[row >>> CHUNK_SHIFT], offset(row));
  }

  /**
   * Chunk {@code c}: rows {@code c * CHUNK_ROWS ..}, row-major, {@link #CHUNK_ROWS} x H (only the
   * first rows of the last chunk are written).
   */
  public float[] chunk(int c) {
    return vectors[c];
  }

  /** Where {@code row}'s vector starts in its chunk. */
  private int offset(int row) {
    return (row & (CHUNK_ROWS - 1)) * hidden;
  }

  private void setActive(int row, boolean recommendable) {
    boolean[] flags = active[row >>> CHUNK_SHIFT];
    int slot = row & (CHUNK_ROWS - 1);
    if (flags[slot] != recommendable) {
      flags[slot] = recommendable;
      activeCount += recommendable ? 1 : -1; // volatile write: publishes the flag
    }
  }

  /** Enters a new row into the id table (the writer, after the row's id is written). */
  private void index(int row, String itemId) {
    int[] slots = table;
    if (2 * (row + 1) > slots.length) {
      int[] bigger = new int[slots.length * 2];
      for (int r = 0; r < row; r++) {
        place(bigger, r, id(r));
      }
      place(bigger, row, itemId);
      table = bigger;
    } else {
      place(slots, row, itemId);
    }
  }

  private static void place(int[] slots, int row, String itemId) {
    int mask = slots.length - 1;
    int i = mix(itemId.hashCode()) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = row + 1;
  }

  /** Spreads the bits of a {@code String} hash, whose low bits alone cluster for numeric ids. */
  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
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
