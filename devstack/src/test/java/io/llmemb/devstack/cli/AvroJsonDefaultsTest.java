package io.llmemb.devstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Defaults are filled in Avro's JSON encoding, also inside arrays of records; given fields are
 * kept.
 */
class AvroJsonDefaultsTest {

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
      {"type":"record","name":"R","fields":[
        {"name":"id","type":"string"},
        {"name":"tag","type":["string","null"],"default":"none"},
        {"name":"note","type":["null","string"],"default":null},
        {"name":"n","type":"int","default":3},
        {"name":"parts","type":{"type":"array","items":{"type":"record","name":"P","fields":[
          {"name":"k","type":"string"},{"name":"w","type":"double","default":1.5}]}},"default":[]}]}""");

  @Test
  void fillsMissingFieldsWithEncodedDefaults() {
    assertEquals(
        "{\"id\":\"a\",\"parts\":[{\"k\":\"x\",\"w\":1.5}],\"tag\":{\"string\":\"none\"},\"note\":null,\"n\":3}",
        AvroJsonDefaults.fill("{\"id\":\"a\",\"parts\":[{\"k\":\"x\"}]}", SCHEMA));
  }

  @Test
  void keepsGivenValuesAndLeavesFieldsWithoutDefaultMissing() {
    assertEquals(
        "{\"n\":7,\"tag\":{\"string\":\"none\"},\"note\":null,\"parts\":[]}",
        AvroJsonDefaults.fill("{\"n\":7}", SCHEMA));
  }
}
