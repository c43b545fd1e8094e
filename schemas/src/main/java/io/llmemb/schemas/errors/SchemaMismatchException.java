package io.llmemb.schemas.errors;

/**
 * The writer schema of a record cannot be resolved against the reader's schema (Avro schema
 * resolution reports them incompatible, e.g. a record of another type was written to this topic),
 * or no generated class exists for the writer schema when a specific reader is asked for.
 */
public class SchemaMismatchException extends AvroSerdeException {

  private static final long serialVersionUID = 1L;

  /** A resolution failure described by {@code message}. */
  public SchemaMismatchException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public SchemaMismatchException withContext(String context) {
    return new SchemaMismatchException(prefixed(context), this);
  }
}
