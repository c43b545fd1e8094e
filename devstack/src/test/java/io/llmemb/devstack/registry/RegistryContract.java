package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.devstack.junit.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Confluent REST contract (status codes, error codes, id and version semantics) every registry of the project
 * must honour; run against our registry and, where Docker exists, against the real Confluent image.
 */
@ExtendWith(KafkaStackExtension.class)
abstract class RegistryContract {

  static final String V1 = """
      {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
  private static final String V2_WITH_DEFAULT = """
      {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"},
       {"name":"price","type":"double","default":0.0}]}""";
  private static final String V2_NO_DEFAULT = """
      {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"},
       {"name":"price","type":"double"}]}""";

  static String subject(String prefix) {
    return prefix + "-" + UUID.randomUUID() + "-value";
  }

  @Test
  void sameSchemaGetsSameIdUnderTwoSubjectsAndRegisteringAgainIsIdempotent(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String unique = V1.replace("Thing", "Shared" + UUID.randomUUID().toString().replace("-", ""));
    String a = subject("a");
    String b = subject("b");
    RegistryHttp.Response first = http.register(a, unique);
    assertEquals(200, first.status(), first.body().toString());
    int id = first.body().get("id").asInt();
    // Whitespace differs: identity is the canonical form, not the text.
    assertEquals(id, http.register(b, unique.replace(",", " , ")).body().get("id").asInt());
    assertEquals(id, http.register(a, unique).body().get("id").asInt());
    assertEquals("[1]", http.get("/subjects/" + a + "/versions").body().toString());
    RegistryHttp.Response lookup = http.post("/subjects/" + b, Map.of("schema", unique));
    assertEquals(id, lookup.body().get("id").asInt());
    assertEquals(1, lookup.body().get("version").asInt());
    assertEquals(b, lookup.body().get("subject").asText());
    assertTrue(http.get("/subjects").body().toString().contains(a));
    assertEquals("t", http.get("/schemas/ids/" + id + "/schema").body().get("namespace").asText());
  }

  @Test
  void backwardTransitiveRefusesFieldWithoutDefaultAndAcceptsOneWithDefault(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("evolve");
    int v1 = http.register(s, V1).body().get("id").asInt();
    RegistryHttp.Response refused = http.register(s, V2_NO_DEFAULT);
    assertEquals(409, refused.status());
    assertEquals(409, refused.errorCode());
    assertTrue(refused.body().get("message").asText().contains("price"), refused.body().toString());
    RegistryHttp.Response check = http.post("/compatibility/subjects/" + s + "/versions/latest?verbose=true",
        Map.of("schema", V2_NO_DEFAULT));
    assertFalse(check.body().get("is_compatible").asBoolean());
    assertFalse(check.body().get("messages").isEmpty());
    assertTrue(http.post("/compatibility/subjects/" + s + "/versions/1", Map.of("schema", V2_WITH_DEFAULT))
        .body().get("is_compatible").asBoolean());
    RegistryHttp.Response accepted = http.register(s, V2_WITH_DEFAULT);
    assertEquals(200, accepted.status(), accepted.body().toString());
    assertNotEquals(v1, accepted.body().get("id").asInt());
    RegistryHttp.Response latest = http.get("/subjects/" + s + "/versions/latest");
    assertEquals(2, latest.body().get("version").asInt());
    assertEquals(accepted.body().get("id").asInt(), latest.body().get("id").asInt());
  }

  @Test
  void subjectLevelNoneAllowsWhatTheDefaultRefuses(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("none");
    http.register(s, V1);
    assertEquals(40408, http.get("/config/" + s).errorCode());
    assertEquals("NONE",
        http.put("/config/" + s, Map.of("compatibility", "none")).body().get("compatibility").asText());
    assertEquals("NONE", http.get("/config/" + s).body().get("compatibilityLevel").asText());
    assertEquals(200, http.register(s, V2_NO_DEFAULT).status());
  }

  @Test
  void globalConfigGetAndPut(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String before = http.get("/config").body().get("compatibilityLevel").asText();
    assertEquals("BACKWARD_TRANSITIVE", before);
    try {
      assertEquals(200, http.put("/config", Map.of("compatibility", "FULL")).status());
      assertEquals("FULL", http.get("/config").body().get("compatibilityLevel").asText());
      assertEquals("FULL", http.get("/config/" + subject("x") + "?defaultToGlobal=true").body()
          .get("compatibilityLevel").asText());
    } finally {
      http.put("/config", Map.of("compatibility", before));
    }
  }

  @Test
  void errorsUseConfluentCodes(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("err");
    assertCode(http.get("/subjects/" + s + "/versions"), 404, 40401);
    http.register(s, V1);
    assertCode(http.get("/subjects/" + s + "/versions/7"), 404, 40402);
    assertCode(http.get("/subjects/" + s + "/versions/abc"), 422, 42202);
    assertCode(http.get("/schemas/ids/999999"), 404, 40403);
    assertCode(http.post("/subjects/" + s, Map.of("schema", V2_WITH_DEFAULT)), 404, 40403);
    assertCode(http.register(s, "{\"type\":\"record\",\"name\":\"X\"}"), 422, 42201);
    assertCode(http.put("/config/" + s, Map.of("compatibility", "SIDEWAYS")), 422, 42203);
    assertCode(http.get("/nope"), 404, 404);
  }

  @Test
  void deleteSubjectHidesItButKeepsTheId(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("del");
    int id = http.register(s, V1).body().get("id").asInt();
    assertEquals("[1]", http.delete("/subjects/" + s).body().toString());
    assertCode(http.get("/subjects/" + s + "/versions"), 404, 40401);
    assertEquals(200, http.get("/schemas/ids/" + id).status());
  }

  static void assertCode(RegistryHttp.Response r, int status, int code) {
    assertEquals(status, r.status(), r.body().toString());
    assertEquals(code, r.errorCode(), r.body().toString());
  }
}
