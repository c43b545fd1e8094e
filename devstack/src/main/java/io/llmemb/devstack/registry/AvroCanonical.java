package io.llmemb.devstack.registry;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Parses schema text and gives its canonical form (Avro parse → {@code toString}), the registry's
 * identity.
 */
final class AvroCanonical {

  private AvroCanonical() {}

  /** Parses {@code text} with a fresh parser (named types must not leak between schemas). */
  static Schema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidSchema("empty schema", null);
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (AvroRuntimeException | NullPointerException | IllegalArgumentException e) {
      // AvroRuntimeException covers SchemaParseException and AvroTypeException (bad defaults,
      // undefined names).
      throw RegistryException.invalidSchema(SchemaErrors.describe(text, e), e);
    }
  }

  /** Canonical text of {@code text}. */
  static String canonical(String text) {
    return parse(text).toString();
  }
}
