package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.KafkaStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Our registry: the shared contract plus persistence in {@code _schemas} across instances. */
class SchemaRegistryServerTest extends RegistryContract {

  @Test
  void idsSurviveARegistryRestartOnTheSameBroker(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("restart");
    String unique = V1.replace("Thing", "Restart" + UUID.randomUUID().toString().replace("-", ""));
    int id = http.register(s, unique).body().get("id").asInt();
    http.put("/config/" + s, Map.of("compatibility", "FORWARD"));
    try (SchemaRegistryServer second =
        SchemaRegistryServer.start(stack.bootstrapServers(), "localhost", 0)) {
      RegistryHttp replayed = new RegistryHttp(second.url());
      RegistryHttp.Response v = replayed.get("/subjects/" + s + "/versions/1");
      assertEquals(id, v.body().get("id").asInt(), v.body().toString());
      assertEquals(
          replayed.get("/schemas/ids/" + id).body().get("schema").asText(),
          v.body().get("schema").asText());
      assertEquals(
          "FORWARD", replayed.get("/config/" + s).body().get("compatibilityLevel").asText());
      // A fresh schema on the replayed instance must not reuse an id handed out before.
      int next =
          replayed
              .register(subject("after"), V1.replace("Thing", "After" + id))
              .body()
              .get("id")
              .asInt();
      assertTrue(next > id, "new id " + next + " must exceed " + id);
      // The first instance reads what the second wrote before allocating, so ids never collide.
      assertEquals(200, http.get("/schemas/ids/" + next).status());
      int third =
          http.register(subject("third"), V1.replace("Thing", "Third" + next))
              .body()
              .get("id")
              .asInt();
      assertTrue(
          third > next, "id " + third + " allocated by the first instance must exceed " + next);
    }
  }

  @Test
  void unsupportedRequestsAreRefusedNotIgnored(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("unsupported");
    assertCode(
        http.post(
            "/subjects/" + s + "/versions",
            Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF")),
        422,
        RegistryException.INVALID_SCHEMA);
    assertCode(
        http.post(
            "/subjects/" + s + "/versions",
            Map.of(
                "schema",
                V1,
                "references",
                List.of(Map.of("name", "x", "subject", "y", "version", 1)))),
        422,
        RegistryException.INVALID_SCHEMA);
    assertCode(http.postRaw("/subjects/" + s + "/versions", "not json {"), 400, 400);
  }

  @Test
  void invalidSchemaMessagesNameTheProblemNotOurLibraries(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("invalid");
    Map<String, String> cases =
        Map.of(
            "{\"type\":\"recrd\"}",
            "recrd",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Missing\"}]}",
            "Missing",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}",
            "default",
            "not json",
            "JSON");
    cases.forEach(
        (schema, expected) -> {
          RegistryHttp.Response r = http.register(s, schema);
          assertCode(r, 422, RegistryException.INVALID_SCHEMA);
          String message = r.body().get("message").asText();
          assertTrue(message.contains(expected), message);
          for (String internal :
              List.of(
                  "org.apache", "com.fasterxml", "java.lang", "UnresolvedSchema", "Exception")) {
            assertFalse(message.contains(internal), internal + " in: " + message);
          }
        });
  }

  @Test
  void aPermanentDeleteFreesTheIdButTheSameSchemaGetsItBack(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("freed");
    String unique = V1.replace("Thing", "Freed" + UUID.randomUUID().toString().replace("-", ""));
    int id = http.register(s, unique).body().get("id").asInt();
    http.delete("/subjects/" + s);
    assertEquals(
        200, http.get("/schemas/ids/" + id).status(), "a soft delete keeps the id readable");
    http.delete("/subjects/" + s + "?permanent=true");
    assertCode(http.get("/schemas/ids/" + id), 404, RegistryException.SCHEMA_NOT_FOUND);
    assertEquals(id, http.register(subject("again"), unique).body().get("id").asInt());
  }

  @Test
  void onlyAvroOneContextAndReadWriteModeAreOffered(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    assertEquals("[\"AVRO\"]", http.get("/schemas/types").body().toString());
    assertEquals("[\".\"]", http.get("/contexts").body().toString());
    assertCode(http.put("/mode", Map.of("mode", "IMPORT")), 422, RegistryException.INVALID_MODE);
    assertCode(http.get("/mode/" + subject("m")), 404, RegistryException.SUBJECT_MODE_NOT_FOUND);
    assertEquals(
        "READWRITE",
        http.get("/mode/" + subject("m") + "?defaultToGlobal=true").body().get("mode").asText());
    assertCode(
        http.delete("/config/" + subject("never")), 404, RegistryException.SUBJECT_NOT_FOUND);
  }

  @Test
  void softDeletesSurviveARestart(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("replaydel");
    http.register(s, V1);
    http.delete("/subjects/" + s);
    try (SchemaRegistryServer second =
        SchemaRegistryServer.start(stack.bootstrapServers(), "localhost", 0)) {
      RegistryHttp replayed = new RegistryHttp(second.url());
      assertCode(
          replayed.get("/subjects/" + s + "/versions"), 404, RegistryException.SUBJECT_NOT_FOUND);
      assertEquals(
          "[1]", replayed.get("/subjects/" + s + "/versions?deleted=true").body().toString());
    }
  }
}
