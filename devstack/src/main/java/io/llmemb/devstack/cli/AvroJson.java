package io.llmemb.devstack.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Converts between Avro's standard JSON encoding (unions written as {@code {"type": value}}) and generic records,
 * with Avro's own decoder and encoder, so the CLI accepts exactly what {@code avro-tools fromjson} accepts.
 */
final class AvroJson {

  private AvroJson() {}

  /** Parses {@code json} against {@code schema}; the error names the schema and Avro's reason. */
  static GenericRecord read(String json, Schema schema) {
    try {
      return new GenericDatumReader<GenericRecord>(schema).read(null,
          DecoderFactory.get().jsonDecoder(schema, json));
    } catch (IOException | AvroTypeException e) {
      throw new IllegalArgumentException("value is not a valid " + schema.getFullName()
          + " in Avro JSON encoding: " + e.getMessage(), e);
    }
  }

  /** Avro JSON encoding of {@code record}, one line. */
  static String write(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + record.getSchema().getFullName() + " as JSON", e);
    }
  }
}
