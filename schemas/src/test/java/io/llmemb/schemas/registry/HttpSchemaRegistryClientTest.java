package io.llmemb.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.Fixtures;
import io.llmemb.schemas.TopicNames;
import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.errors.RegistryResponseException;
import io.llmemb.schemas.errors.RegistryUnavailableException;
import io.llmemb.schemas.errors.SchemaNotFoundException;
import io.llmemb.schemas.errors.SchemaRejectedException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import io.llmemb.schemas.serde.AvroDeserializer;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerdes;
import io.llmemb.schemas.serde.AvroSerializer;
import io.llmemb.schemas.serde.JavaProperties;
import io.llmemb.schemas.serde.WireFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  private final FakeRegistryServer server = new FakeRegistryServer();

  HttpSchemaRegistryClientTest() throws IOException {}

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void idsAreCachedBothWays() {
    try (Serde<Item> serde =
        AvroSerdes.specific(
            Item.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()), false)) {
      byte[] first =
          serde.serializer().serialize(TopicNames.CATALOG_ITEMS, Fixtures.movie("1", false));
      serde.serializer().serialize(TopicNames.CATALOG_ITEMS, Fixtures.movie("2", true));
      assertEquals(1, server.calls("register"), "second serialize must hit the cache");

      assertEquals(
          Fixtures.movie("1", false),
          serde.deserializer().deserialize(TopicNames.CATALOG_ITEMS, first));
      assertEquals(
          0, server.calls("getById"), "one serde shares one cache: the registered id is known");

      // A consumer elsewhere (its own client) fetches the writer schema once.
      try (Serde<Item> reader =
          AvroSerdes.specific(
              Item.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()), false)) {
        reader.deserializer().deserialize(TopicNames.CATALOG_ITEMS, first);
        assertEquals(
            Fixtures.movie("1", false),
            reader.deserializer().deserialize(TopicNames.CATALOG_ITEMS, first));
      }
      assertEquals(1, server.calls("getById"), "second deserialize must hit the cache");
    }
  }

  @Test
  void withoutAutoRegisterTheSerializerLooksTheSchemaUp() {
    Map<String, String> config =
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            server.url(),
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            "false");
    AvroSerializer<Interaction> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    SchemaNotFoundException missing =
        assertThrows(
            SchemaNotFoundException.class,
            () -> serializer.serialize(TopicNames.INTERACTIONS, Fixtures.rating("u", "i", 1)));
    assertEquals(40403, missing.errorCode());
    assertTrue(
        missing.getMessage().contains("topic " + TopicNames.INTERACTIONS), missing.getMessage());

    // Registered as any client of the .avsc would: without the generated class's Java-only
    // properties.
    int id =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url()))
            .register(
                TopicNames.INTERACTIONS + "-value",
                JavaProperties.remove(Interaction.getClassSchema()));
    byte[] bytes = serializer.serialize(TopicNames.INTERACTIONS, Fixtures.rating("u", "i", 1));
    assertEquals(id, WireFormat.schemaId(bytes));
    assertEquals(
        1, server.calls("register"), "only the test registered; the serializer never does");
  }

  @Test
  void rejectionCarriesTheConfluentErrorCodeAndTopic() {
    server.failWith(
        409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
    AvroSerializer<Item> serializer = new AvroSerializer<>();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()), false);
    SchemaRejectedException e =
        assertThrows(
            SchemaRejectedException.class,
            () -> serializer.serialize(TopicNames.CATALOG_ITEMS, Fixtures.product()));
    assertEquals(SchemaRejectedException.INCOMPATIBLE, e.errorCode());
    assertTrue(
        e.getMessage().contains("catalog.items-value") && e.getMessage().contains("incompatible"),
        e.getMessage());
  }

  @Test
  void unknownIdNamesTopicAndId() {
    AvroDeserializer<Item> deserializer = new AvroDeserializer<>(Item.class);
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()), false);
    byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'};
    UnknownSchemaIdException e =
        assertThrows(
            UnknownSchemaIdException.class,
            () -> deserializer.deserialize(TopicNames.CATALOG_ITEMS, bytes));
    assertEquals(12345, e.schemaId());
    assertTrue(e.getMessage().contains("topic catalog.items, schema id 12345"), e.getMessage());
  }

  @Test
  void wrongBaseUrlIsNotMistakenForAnUnknownId() {
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url() + "/nope"));
    RegistryResponseException e =
        assertThrows(RegistryResponseException.class, () -> client.getById(1));
    assertFalse(e instanceof SchemaNotFoundException, e.getMessage());
    assertTrue(e.getMessage().contains("registry URL"), e.getMessage());
  }

  @Test
  void serverErrorIsUnavailable() {
    server.failWith(500, "{\"error_code\":50001,\"message\":\"store error\"}");
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url()));
    assertThrows(RegistryUnavailableException.class, () -> client.getById(1));
  }

  @Test
  void registryDownFailsFast() throws IOException {
    String closed = "http://127.0.0.1:" + closedPort();
    AvroSerializer<Item> serializer = new AvroSerializer<>();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, closed), false);
    RegistryUnavailableException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(3),
            () ->
                assertThrows(
                    RegistryUnavailableException.class,
                    () -> serializer.serialize(TopicNames.CATALOG_ITEMS, Fixtures.product())));
    assertTrue(
        e.getMessage().contains("catalog.items") && e.getMessage().contains(closed),
        e.getMessage());
  }

  @Test
  void silentRegistryTimesOutInsteadOfHanging() throws IOException {
    // Accepts TCP connections (the kernel backlog does) but never answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RegistryClientConfig config =
          new RegistryClientConfig(
              List.of("http://127.0.0.1:" + silent.getLocalPort()),
              Duration.ofMillis(300),
              Duration.ofMillis(400));
      HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(config);
      long start = System.nanoTime();
      assertTimeoutPreemptively(
          Duration.ofSeconds(3),
          () -> assertThrows(RegistryUnavailableException.class, () -> client.getById(1)));
      assertTrue(
          (System.nanoTime() - start) / 1_000_000 >= 300,
          "should have waited for the request timeout");
    }
  }

  @Test
  void failsOverToTheNextUrl() throws IOException {
    String urls = "http://127.0.0.1:" + closedPort() + "," + server.url();
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryClientConfig.of(urls));
    int id = client.register("s-value", Item.getClassSchema());
    assertEquals(Item.getClassSchema(), client.getById(id));
    assertEquals(id, client.lookup("s-value", Item.getClassSchema()).id());
  }

  @Test
  void versionsSubjectsCompatibilityAndConfigSpeakTheConfluentApi() {
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url()));
    int item = client.register("a b-value", Item.getClassSchema());
    int interaction = client.register("a b-value", Interaction.getClassSchema());
    assertEquals(List.of("a b-value"), client.subjects());
    assertEquals(List.of(1, 2), client.versions("a b-value"));
    assertEquals(
        new RegisteredSchema("a b-value", interaction, 2, Interaction.getClassSchema()),
        client.getLatest("a b-value"));
    assertEquals(item, client.getVersion("a b-value", 1).id());
    assertEquals(
        40402,
        assertThrows(SchemaNotFoundException.class, () -> client.getVersion("a b-value", 3))
            .errorCode());
    assertEquals(
        40401,
        assertThrows(SchemaNotFoundException.class, () -> client.getLatest("none")).errorCode());

    assertTrue(client.testCompatibility("a b-value", Item.getClassSchema()));
    server.compatible(false);
    assertFalse(client.testCompatibility("a b-value", Item.getClassSchema()));

    assertEquals(CompatibilityLevel.BACKWARD, client.globalCompatibility());
    client.setGlobalCompatibility(CompatibilityLevel.FULL);
    client.setCompatibility("a b-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertEquals(CompatibilityLevel.FULL, client.globalCompatibility());
    assertEquals(CompatibilityLevel.BACKWARD_TRANSITIVE, client.compatibility("a b-value"));
    assertEquals(
        CompatibilityLevel.FULL, client.compatibility("other"), "falls back to the global level");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
