package io.llmemb.devstack.registry;

import org.apache.avro.Schema;

/**
 * Compares schema texts the way registries identify schemas: by Avro's parsed form, not by
 * whitespace.
 */
final class AvroCanonicalText {

  private AvroCanonicalText() {}

  static String of(String schemaText) {
    return new Schema.Parser().parse(schemaText).toString();
  }
}
