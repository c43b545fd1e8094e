package io.llmemb.serving.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The item matrix one model scores against: one row per item (the bundle's trained vectors first, then items
 * adapted after the bundle was built), a flag per row saying whether the item may be recommended (deleted items
 * keep their row so that an undelete needs no new vector), and exact top-K by dot product over all active rows.
 *
 * <p>At catalogue sizes of 10^4 to 10^5 items a plain scan is a few hundred microseconds, so there is no ANN index.
 * Written by the global-store thread (new and deleted items), read by stream threads and REST handlers: guarded by
 * a read-write lock; rows grow by doubling so that adding an item is amortised O(H).
 */
public final class ItemIndex {

  private final int hidden;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> rowOf = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final BitSet active = new BitSet();
  private float[] rows;

  /** An empty index for vectors of width {@code hidden}, with room for {@code capacity} rows before growing. */
  public ItemIndex(int hidden, int capacity) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, was " + hidden);
    }
    this.hidden = hidden;
    this.rows = new float[Math.max(1, capacity) * hidden];
  }

  /** Width of the vectors. */
  public int hidden() {
    return hidden;
  }

  /** Adds or replaces the vector of {@code itemId} and marks it recommendable. */
  public void put(String itemId, float[] vector) {
    if (vector.length != hidden) {
      throw new IllegalArgumentException("vector of item " + itemId + " has width " + vector.length
          + ", the index holds width " + hidden);
    }
    lock.writeLock().lock();
    try {
      Integer row = rowOf.get(itemId);
      if (row == null) {
        row = ids.size();
        if ((row + 1) * hidden > rows.length) {
          rows = Arrays.copyOf(rows, rows.length * 2);
        }
        ids.add(itemId);
        rowOf.put(itemId, row);
      }
      System.arraycopy(vector, 0, rows, row * hidden, hidden);
      active.set(row);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Stops recommending {@code itemId}; its vector is kept for {@link #restore}. True if it was active. */
  public boolean remove(String itemId) {
    lock.writeLock().lock();
    try {
      Integer row = rowOf.get(itemId);
      boolean was = row != null && active.get(row);
      if (row != null) {
        active.clear(row);
      }
      return was;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Makes a removed item recommendable again; false if the index never had a vector for it. */
  public boolean restore(String itemId) {
    lock.writeLock().lock();
    try {
      Integer row = rowOf.get(itemId);
      if (row != null) {
        active.set(row);
      }
      return row != null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether {@code itemId} is currently recommendable. */
  public boolean contains(String itemId) {
    lock.readLock().lock();
    try {
      Integer row = rowOf.get(itemId);
      return row != null && active.get(row);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of recommendable items. */
  public int size() {
    lock.readLock().lock();
    try {
      return active.cardinality();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A copy of the vector of a recommendable item. */
  public Optional<float[]> vector(String itemId) {
    lock.readLock().lock();
    try {
      Integer row = rowOf.get(itemId);
      if (row == null || !active.get(row)) {
        return Optional.empty();
      }
      return Optional.of(Arrays.copyOfRange(rows, row * hidden, (row + 1) * hidden));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The {@code k} active items with the highest dot product with {@code query}, best first, leaving out
   * {@code exclude} (already-seen items). Ties keep the lower row first, so results are deterministic.
   */
  public List<ScoredItemId> top(float[] query, int k, Set<String> exclude) {
    if (query.length != hidden) {
      throw new IllegalArgumentException("query has width " + query.length + ", the index holds width " + hidden);
    }
    if (k < 1) {
      return List.of();
    }
    // Min-heap of the best k so far: worst (lowest score, then highest row) on top.
    PriorityQueue<Candidate> heap = new PriorityQueue<>(k + 1, (a, b) -> a.score != b.score
        ? Float.compare(a.score, b.score) : Integer.compare(b.row, a.row));
    lock.readLock().lock();
    try {
      for (int row = active.nextSetBit(0); row >= 0; row = active.nextSetBit(row + 1)) {
        if (!exclude.isEmpty() && exclude.contains(ids.get(row))) {
          continue;
        }
        float score = dot(query, row * hidden);
        if (heap.size() < k) {
          heap.add(new Candidate(score, row));
        } else if (score > heap.peek().score) {
          heap.poll();
          heap.add(new Candidate(score, row));
        }
      }
      List<ScoredItemId> out = new ArrayList<>(heap.size());
      while (!heap.isEmpty()) {
        Candidate c = heap.poll();
        out.add(new ScoredItemId(ids.get(c.row), c.score));
      }
      Collections.reverse(out);
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The {@code k} items most similar (dot product) to {@code itemId}, without itself; empty if it is unknown. */
  public Optional<List<ScoredItemId>> similar(String itemId, int k) {
    return vector(itemId).map(v -> top(v, k, Set.of(itemId)));
  }

  private float dot(float[] query, int offset) {
    float s = 0f;
    for (int j = 0; j < hidden; j++) {
      s += query[j] * rows[offset + j];
    }
    return s;
  }

  private record Candidate(float score, int row) {}
}
