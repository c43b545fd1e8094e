package io.llmemb.schemas.errors;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every error raised by the Avro serdes and the schema-registry client.
 *
 * <p>It extends Kafka's {@link SerializationException}, so Kafka clients and Kafka Streams treat it
 * as a (de)serialization failure (a Streams {@code DeserializationExceptionHandler} sees it);
 * callers that route bad records to a dead-letter topic switch on the subtype:
 *
 * <ul>
 *   <li>{@link WireFormatException}: the bytes are bad; retrying never helps (poison pill).
 *   <li>{@link UnknownSchemaIdException}: the schema id in the bytes is not in the registry.
 *   <li>{@link RegistryUnavailableException}: the registry is down or slow; retrying later may
 *       help.
 *   <li>{@link SchemaRejectedException}: the registry refused a schema (incompatible or invalid).
 *   <li>{@link SchemaNotFoundException}: a subject, version or schema lookup found nothing.
 *   <li>{@link SchemaMismatchException}: the writer schema cannot be read with the reader schema.
 *   <li>{@link RecordEncodingException}: a record does not fit its schema (producer side).
 * </ul>
 *
 * Subclasses implement {@link #withContext(String)} so a serde can prefix topic and schema id to a
 * message raised deeper down (by the registry client) without losing the exception's type.
 */
public abstract class AvroSerdeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** An error described by {@code message} (which names topic and schema id where known). */
  protected AvroSerdeException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns an exception of the same type and with the same data whose message starts with {@code
   * context} (e.g. "topic catalog.items, schema id 7"), and whose cause is this exception.
   */
  public abstract AvroSerdeException withContext(String context);

  /** Message of a copy made by {@link #withContext(String)}. */
  protected final String prefixed(String context) {
    return context + ": " + getMessage();
  }
}
