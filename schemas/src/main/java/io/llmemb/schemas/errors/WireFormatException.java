package io.llmemb.schemas.errors;

/**
 * The bytes of a record are not a valid Confluent-framed Avro datum: too short, wrong magic byte,
 * or an Avro body that does not decode with the writer schema its id names. Such a record never
 * becomes readable, so consumers send it to the dead-letter topic instead of retrying.
 */
public class WireFormatException extends AvroSerdeException {

  private static final long serialVersionUID = 1L;

  /** A framing or decoding failure described by {@code message}. */
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public WireFormatException withContext(String context) {
    return new WireFormatException(prefixed(context), this);
  }
}
