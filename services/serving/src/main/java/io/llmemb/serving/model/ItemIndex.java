package io.llmemb.serving.model;

import io.llmemb.serving.scoring.AnnScorer;
import io.llmemb.serving.scoring.DotKernel;
import io.llmemb.serving.scoring.ExactScorer;
import io.llmemb.serving.scoring.ItemRows;
import io.llmemb.serving.scoring.ScoredRow;
import io.llmemb.serving.scoring.Scorer;
import io.llmemb.serving.scoring.ScoringSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The items one model scores against, by raw id: their vectors ({@link ItemRows}, the bundle's
 * trained vectors first, then items adapted after the bundle was built), whether each may be
 * recommended (deleted items keep their row so that an undelete needs no new vector), and top-K by
 * dot product through a {@link Scorer}: an exact scan below {@link ScoringSettings#annMinItems()}
 * rows; from there a graph index ({@link AnnScorer}), built in the background when the catalogue
 * crosses that size (for a new model: while it is being loaded), with the exact scan answering
 * until the graph is ready.
 *
 * <p>Written by the global-store thread (new and deleted items), read by stream threads and REST
 * handlers without a lock (see {@link ItemRows}).
 */
public final class ItemIndex {

  private final ItemRows rows;
  private final ScoringSettings settings;
  private final DotKernel kernel;
  private final ExactScorer exact;
  private volatile AnnScorer ann;

  /** An empty index for vectors of width {@code hidden} with the default scoring settings. */
  public ItemIndex(int hidden) {
    this(hidden, ScoringSettings.DEFAULT);
  }

  /** An empty index for vectors of width {@code hidden}. */
  public ItemIndex(int hidden, ScoringSettings settings) {
    this.rows = new ItemRows(hidden);
    this.settings = settings;
    this.kernel = DotKernel.best();
    this.exact = new ExactScorer(rows, kernel);
  }

  /** Width of the vectors. */
  public int hidden() {
    return rows.hidden();
  }

  /** The scorer answering {@link #top} now. */
  public Scorer scorer() {
    AnnScorer graph = ann;
    return graph != null && graph.ready() && rows.activeCount() >= settings.annMinItems()
        ? graph
        : exact;
  }

  /** Adds or replaces the vector of {@code itemId} and marks it recommendable. */
  public void put(String itemId, float[] vector) {
    int row = rows.put(itemId, vector);
    AnnScorer graph = ann;
    if (graph != null) {
      graph.added(row);
    } else {
      startGraphOnceLarge();
    }
  }

  /**
   * Adds a model's items ({@code ids.get(i)} has row {@code i} of the row-major {@code vectors},
   * {@link #hidden()} wide) before the index is used, and only then starts the graph: a graph
   * started half-way through would take its longest row (Φ) from the first half, and every longer
   * row of the second half would then be scored exactly on every query.
   */
  public void putAll(List<String> ids, float[] vectors) {
    int h = rows.hidden();
    float[] row = new float[h];
    int first = rows.count();
    for (int i = 0; i < ids.size(); i++) {
      System.arraycopy(vectors, i * h, row, 0, h);
      if (rows.put(ids.get(i), row) != first + i) {
        throw new IllegalArgumentException("item id " + ids.get(i) + " is listed twice");
      }
    }
    if (ann == null) {
      startGraphOnceLarge();
    }
  }

  private void startGraphOnceLarge() {
    if (rows.count() >= settings.annMinItems()) {
      ann = AnnScorer.start(rows, settings, kernel);
    }
  }

  /**
   * Copies the vector at {@code row} (whether or not the item is recommendable now) into {@code
   * out[offset ..]}: after {@link #putAll} on an empty index, row {@code i} is {@code ids.get(i)},
   * so a model reads its own items' vectors here instead of holding a second copy.
   */
  public void copyRow(int row, float[] out, int offset) {
    rows.vector(row, out, offset);
  }

  /** Stops a graph build still running: this index's model was replaced. */
  public void retire() {
    AnnScorer graph = ann;
    if (graph != null) {
      graph.close();
    }
  }

  /**
   * Stops recommending {@code itemId}; its vector is kept for {@link #restore}. True if it was
   * active.
   */
  public boolean remove(String itemId) {
    int row = rows.rowOf(itemId);
    boolean was = row >= 0 && rows.isActive(row);
    rows.setActive(itemId, false);
    return was;
  }

  /** Makes a removed item recommendable again; false if the index never had a vector for it. */
  public boolean restore(String itemId) {
    return rows.setActive(itemId, true) >= 0;
  }

  /** The row of {@code itemId} (recommendable or not), or -1 if it never had a vector here. */
  public int rowOf(String itemId) {
    return rows.rowOf(itemId);
  }

  /** Whether {@code itemId} is currently recommendable. */
  public boolean contains(String itemId) {
    int row = rows.rowOf(itemId);
    return row >= 0 && rows.isActive(row);
  }

  /** Number of recommendable items. */
  public int size() {
    return rows.activeCount();
  }

  /** A copy of the vector of a recommendable item. */
  public Optional<float[]> vector(String itemId) {
    int row = rows.rowOf(itemId);
    return row >= 0 && rows.isActive(row) ? Optional.of(rows.vector(row)) : Optional.empty();
  }

  /**
   * The {@code k} active items with the highest dot product with {@code query}, best first, leaving
   * out {@code exclude} (already-seen items), also one added while the scan runs. Ties keep the
   * lower row first, so exact results are deterministic.
   */
  public List<ScoredItemId> top(float[] query, int k, Collection<String> exclude) {
    List<String> missing = new ArrayList<>(0);
    List<ScoredRow> best;
    do {
      missing.clear();
      best = scorer().top(query, k, rowsOf(exclude, missing));
      // An excluded item that got its first row (global-store thread) while the scan ran may be in
      // the result:
      // then once more, now that its row is known. Rows are never dropped, so each round has fewer
      // missing ids.
    } while (anyHasARow(missing));
    List<ScoredItemId> out = new ArrayList<>(best.size());
    for (ScoredRow s : best) {
      out.add(new ScoredItemId(rows.id(s.row()), s.score()));
    }
    return out;
  }

  /**
   * The best {@code limit} of the recommendable items among {@code candidates} that {@code exclude}
   * does not hold, scored against {@code query} (the same dot product as {@link #top}), best first;
   * ties keep the order of {@code candidates}. One dot product per candidate and no sort of them
   * all: meant for a handful of ids (exploration slots), not the catalogue.
   */
  public List<ScoredItemId> best(
      float[] query, Collection<String> candidates, Collection<String> exclude, int limit) {
    if (query.length != rows.hidden()) {
      throw new IllegalArgumentException(
          "query has width " + query.length + ", the index holds width " + rows.hidden());
    }
    List<ScoredItemId> out = new ArrayList<>(Math.min(limit, candidates.size()));
    if (limit < 1) {
      return out;
    }
    float[] vector = new float[rows.hidden()];
    float[] dot = new float[1];
    for (String id : candidates) {
      int row = rows.rowOf(id);
      if (row < 0 || !rows.isActive(row) || exclude.contains(id)) {
        continue;
      }
      rows.vector(row, vector);
      kernel.dots(query, vector, 1, dot);
      float score = dot[0];
      if (out.size() == limit && score <= out.get(limit - 1).score()) {
        continue;
      }
      // Insert after every entry of an equal or higher score: ties keep the candidates' order.
      int at = out.size();
      while (at > 0 && out.get(at - 1).score() < score) {
        at--;
      }
      out.add(at, new ScoredItemId(id, score));
      if (out.size() > limit) {
        out.remove(limit);
      }
    }
    return out;
  }

  /**
   * The {@code k} items most similar (dot product) to {@code itemId}, without itself; empty if it
   * is unknown.
   */
  public Optional<List<ScoredItemId>> similar(String itemId, int k) {
    return vector(itemId).map(v -> top(v, k, Set.of(itemId)));
  }

  private boolean anyHasARow(List<String> ids) {
    for (String id : ids) {
      if (rows.rowOf(id) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rows of the ids, sorted: one map lookup per id, once per request, instead of one per
   * scanned row. Ids without a row go to {@code missing}.
   */
  private int[] rowsOf(Collection<String> ids, List<String> missing) {
    int[] out = new int[ids.size()];
    int n = 0;
    for (String id : ids) {
      int row = rows.rowOf(id);
      if (row >= 0) {
        out[n++] = row;
      } else {
        missing.add(id);
      }
    }
    int[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return sorted;
  }
}
