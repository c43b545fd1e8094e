package io.llmemb.schemas.errors;

/**
 * The schema registry could not be reached or answered too late or with a server error (HTTP 5xx).
 * Unlike the other subtypes this one is transient: the record itself may be fine, so a caller may
 * retry or pause.
 */
public class RegistryUnavailableException extends AvroSerdeException {

  private static final long serialVersionUID = 1L;

  /** A failure to talk to the registry, described by {@code message}. */
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public RegistryUnavailableException withContext(String context) {
    return new RegistryUnavailableException(prefixed(context), this);
  }
}
