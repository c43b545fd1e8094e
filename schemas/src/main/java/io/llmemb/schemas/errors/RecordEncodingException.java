package io.llmemb.schemas.errors;

/**
 * A record could not be encoded with its schema (e.g. null in a non-nullable field, a value of the
 * wrong type, or a record whose fields do not fit the subject's latest schema under {@code
 * use.latest.version}). The producer's data is at fault; retrying never helps.
 */
public class RecordEncodingException extends AvroSerdeException {

  private static final long serialVersionUID = 1L;

  /** An encoding failure described by {@code message}. */
  public RecordEncodingException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public RecordEncodingException withContext(String context) {
    return new RecordEncodingException(prefixed(context), this);
  }
}
