package io.llmemb.schemas.errors;

/**
 * The schema id written in a record's header is not known to the registry (Confluent code 40403 on
 * {@code GET /schemas/ids/{id}}): the record was written against another registry, or its header is
 * garbage that happens to start with the magic byte.
 */
public class UnknownSchemaIdException extends SchemaNotFoundException {

  private static final long serialVersionUID = 1L;

  /** Confluent error code for "schema not found". */
  public static final int ERROR_CODE = 40403;

  private final int schemaId;

  /** The registry does not know {@code schemaId}. */
  public UnknownSchemaIdException(int schemaId, String message, Throwable cause) {
    super(message, 404, ERROR_CODE, cause);
    this.schemaId = schemaId;
  }

  /** The unknown schema id. */
  public int schemaId() {
    return schemaId;
  }

  @Override
  public UnknownSchemaIdException withContext(String context) {
    return new UnknownSchemaIdException(schemaId, prefixed(context), this);
  }
}
