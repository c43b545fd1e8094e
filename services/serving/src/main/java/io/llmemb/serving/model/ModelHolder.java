package io.llmemb.serving.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model in use, swapped atomically: a stream thread that read {@link #current()} keeps a
 * consistent model + index pair for its whole recommendation even when a release lands meanwhile.
 */
public final class ModelHolder {

  private final AtomicReference<LiveModel> current = new AtomicReference<>();

  /** The model in use, empty until the first release is loaded. */
  public Optional<LiveModel> current() {
    return Optional.ofNullable(current.get());
  }

  /** Items in the current model's index; 0 while no model is loaded. */
  public int indexedItems() {
    LiveModel live = current.get();
    return live == null ? 0 : live.index().size();
  }

  /** Puts {@code next} in use and returns the one it replaced (null if none). */
  public LiveModel swap(LiveModel next) {
    return current.getAndSet(next);
  }
}
