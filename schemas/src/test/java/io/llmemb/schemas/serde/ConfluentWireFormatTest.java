package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.schemas.Fixtures;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.registry.MockSchemaRegistry;
import io.llmemb.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with clients that are not ours, byte for byte. The expected record is encoded
 * here by hand from two specs only: Confluent's wire format ("Wire format" in Confluent's Schema
 * Registry serdes documentation: magic byte 0, then the schema id as a 4-byte big-endian integer,
 * then the Avro binary datum) and the Avro 1.12 specification's binary encoding (zig-zag varint
 * lengths and longs, enum index, union branch index, 8-byte little-endian double). The schema is
 * registered from the {@code .avsc} text, as a Python or Go producer would.
 */
class ConfluentWireFormatTest {

  private static final String AVSC = "/avro/io/llmemb/schemas/avro/Interaction.avsc";
  private static final String SUBJECT = TopicNames.INTERACTIONS + "-value";
  private static final int RATE_INDEX = 5;
  private static final int DOUBLE_BRANCH = 1;

  private String url;
  private int avscId;

  @BeforeEach
  void registerTheAvscAsAForeignClientWould() throws IOException {
    url = Fixtures.freshMockUrl();
    SchemaRegistryClient registry = MockSchemaRegistry.scope(url.substring("mock://".length()));
    avscId = registry.register(SUBJECT, new Schema.Parser().parse(avscText()));
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(url.substring("mock://".length()));
  }

  @Test
  void bytesOfAForeignProducerDecodeInOurSerde() {
    try (Serde<Interaction> serde =
        AvroSerdes.specific(
            Interaction.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false)) {
      assertEquals(
          Fixtures.rating("u1", "42", 4.5),
          serde.deserializer().deserialize(TopicNames.INTERACTIONS, handEncoded(avscId)));
    }
  }

  @Test
  void ourSerializerWritesExactlyTheDocumentedLayoutUnderTheAvscId() {
    try (Serde<Interaction> serde =
        AvroSerdes.specific(
            Interaction.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false)) {
      byte[] ours =
          serde.serializer().serialize(TopicNames.INTERACTIONS, Fixtures.rating("u1", "42", 4.5));
      // Equal bytes also mean one id: the generated class did not register a second version of the
      // subject.
      assertArrayEquals(handEncoded(avscId), ours);
    }
  }

  @Test
  void withJavaPropertiesKeptTheGeneratedSchemaIsASecondVersion() {
    try (Serde<Interaction> serde =
        AvroSerdes.specific(
            Interaction.class,
            Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                url,
                AvroSerdeConfig.REMOVE_JAVA_PROPERTIES,
                "false"),
            false)) {
      byte[] ours =
          serde.serializer().serialize(TopicNames.INTERACTIONS, Fixtures.rating("u1", "42", 4.5));
      // What a client without the option does (the behaviour this option exists to avoid).
      assertEquals(avscId + 1, WireFormat.schemaId(ours));
    }
  }

  /**
   * Interaction("u1", "42", RATE, 4.5, T0) in the Confluent wire format, written without any Avro
   * code.
   */
  private static byte[] handEncoded(int schemaId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    string(out, "u1");
    string(out, "42");
    zigZag(out, RATE_INDEX);
    zigZag(out, DOUBLE_BRANCH);
    long bits = Double.doubleToLongBits(4.5);
    for (int i = 0; i < Long.BYTES; i++) {
      out.write((int) (bits >>> (8 * i)));
    }
    zigZag(out, Fixtures.T0.toEpochMilli());
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    zigZag(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void zigZag(ByteArrayOutputStream out, long n) {
    long v = (n << 1) ^ (n >> 63);
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static String avscText() throws IOException {
    try (InputStream in = ConfluentWireFormatTest.class.getResourceAsStream(AVSC)) {
      if (in == null) {
        throw new IOException(AVSC + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
