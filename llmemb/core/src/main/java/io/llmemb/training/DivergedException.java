package io.llmemb.training;

/**
 * A training batch produced a non-finite loss. {@link Trainer#fit} answers it by keeping the best
 * validated epoch when there is one (a run that diverges late still has a model worth keeping) and
 * rethrows it otherwise.
 */
public final class DivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  DivergedException(String message) {
    super(message);
  }
}
