package io.llmemb.schemas.errors;

/**
 * A lookup found nothing: the subject, the version, or the schema under the subject does not exist
 * (Confluent codes 40401, 40402, 40403). A serializer with {@code auto.register.schemas=false}
 * raises it when its record's schema was never registered.
 */
public class SchemaNotFoundException extends RegistryResponseException {

  private static final long serialVersionUID = 1L;

  /** A not-found response with the given HTTP status and Confluent error code. */
  public SchemaNotFoundException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }

  @Override
  public SchemaNotFoundException withContext(String context) {
    return new SchemaNotFoundException(prefixed(context), httpStatus(), errorCode(), this);
  }
}
