package io.llmemb.devstack.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * Writes generic records in Avro's standard JSON encoding (unions as {@code {"type": value}}) with
 * Avro's own encoder: the same text {@code produce --value-json} accepts and {@code avro-tools
 * tojson} prints.
 */
final class AvroJson {

  private AvroJson() {}

  /** Avro JSON encoding of {@code record}, one line. */
  static String write(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot encode " + record.getSchema().getFullName() + " as JSON", e);
    }
  }
}
