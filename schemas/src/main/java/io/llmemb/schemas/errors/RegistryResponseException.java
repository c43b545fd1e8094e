package io.llmemb.schemas.errors;

/**
 * The registry answered a request with an error response. Carries the HTTP status and the Confluent
 * error code of the response body ({@code {"error_code": 40401, "message": ...}}), e.g. 40401
 * subject not found, 40402 version not found, 40403 schema not found, 409 incompatible schema,
 * 42201 invalid schema.
 */
public class RegistryResponseException extends AvroSerdeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  /** An error response with the given HTTP status and Confluent error code. */
  public RegistryResponseException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the response (e.g. 404, 409, 422). */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Confluent error code of the response body (e.g. 40401); equals the HTTP status when the body
   * had none.
   */
  public int errorCode() {
    return errorCode;
  }

  @Override
  public RegistryResponseException withContext(String context) {
    return new RegistryResponseException(prefixed(context), httpStatus, errorCode, this);
  }
}
