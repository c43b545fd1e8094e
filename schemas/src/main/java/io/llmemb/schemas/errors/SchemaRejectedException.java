package io.llmemb.schemas.errors;

/**
 * The registry refused to register a schema: it is incompatible with earlier versions under the
 * subject's compatibility level (HTTP 409, Confluent code 409) or it is invalid (HTTP 422, code
 * 42201). Producing with this schema cannot succeed until the schema or the compatibility level
 * changes.
 */
public class SchemaRejectedException extends RegistryResponseException {

  private static final long serialVersionUID = 1L;

  /** Confluent error code for an incompatible schema. */
  public static final int INCOMPATIBLE = 409;

  /** Confluent error code for an invalid schema. */
  public static final int INVALID = 42201;

  /** A rejection with the given HTTP status and Confluent error code. */
  public SchemaRejectedException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }

  @Override
  public SchemaRejectedException withContext(String context) {
    return new SchemaRejectedException(prefixed(context), httpStatus(), errorCode(), this);
  }
}
