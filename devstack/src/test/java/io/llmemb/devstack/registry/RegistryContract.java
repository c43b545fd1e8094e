package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmemb.devstack.KafkaStack;
import io.llmemb.devstack.junit.KafkaStackExtension;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.serde.AvroSerdeConfig;
import io.llmemb.schemas.serde.AvroSerdes;
import io.llmemb.schemas.serde.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Confluent REST contract (status codes, error codes, id and version semantics) every registry
 * of the project must honour; run against our registry and, where Docker exists, against the real
 * Confluent image. Section names cited are those of Confluent's "Schema Registry API Reference"
 * unless said otherwise.
 */
@ExtendWith(KafkaStackExtension.class)
abstract class RegistryContract {

  static final String V1 =
      """
      {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
  private static final String V2_WITH_DEFAULT =
      """
      {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"},
       {"name":"price","type":"double","default":0.0}]}""";
  private static final String V2_NO_DEFAULT =
      """
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
    RegistryHttp.Response check =
        http.post(
            "/compatibility/subjects/" + s + "/versions/latest?verbose=true",
            Map.of("schema", V2_NO_DEFAULT));
    assertFalse(check.body().get("is_compatible").asBoolean());
    assertFalse(check.body().get("messages").isEmpty());
    assertTrue(
        http.post("/compatibility/subjects/" + s + "/versions/1", Map.of("schema", V2_WITH_DEFAULT))
            .body()
            .get("is_compatible")
            .asBoolean());
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
    assertEquals(
        "NONE",
        http.put("/config/" + s, Map.of("compatibility", "none"))
            .body()
            .get("compatibility")
            .asText());
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
      assertEquals(
          "FULL",
          http.get("/config/" + subject("x") + "?defaultToGlobal=true")
              .body()
              .get("compatibilityLevel")
              .asText());
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

  @Test
  void subjectPrefixAndDeletedFilterTheSubjectList(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String prefix = "pfx" + UUID.randomUUID().toString().replace("-", "");
    String a = prefix + "-a-value";
    String b = prefix + "-b-value";
    http.register(a, V1);
    http.register(b, V1);
    http.register(subject("other"), V1);
    assertEquals(List.of(a, b), strings(http.get("/subjects?subjectPrefix=" + prefix)));
    assertEquals(200, http.delete("/subjects/" + a).status());
    assertEquals(List.of(b), strings(http.get("/subjects?subjectPrefix=" + prefix)));
    assertEquals(
        List.of(a, b), strings(http.get("/subjects?subjectPrefix=" + prefix + "&deleted=true")));
    assertEquals(
        List.of(a), strings(http.get("/subjects?subjectPrefix=" + prefix + "&deletedOnly=true")));
    assertCode(http.get("/subjects/" + a + "/versions"), 404, 40401);
    assertEquals("[1]", http.get("/subjects/" + a + "/versions?deleted=true").body().toString());
    RegistryHttp.Response deletedVersion = http.get("/subjects/" + a + "/versions/1?deleted=true");
    assertEquals(200, deletedVersion.status(), deletedVersion.body().toString());
    assertEquals(a, deletedVersion.body().get("subject").asText());
    assertCode(http.get("/subjects/" + a + "/versions/1"), 404, 40401);
  }

  /**
   * Confluent docs, "Schema Deletion Guidelines": soft delete first, then permanent; errors 40404 /
   * 40405.
   */
  @Test
  void subjectDeleteIsSoftThenPermanentWithConfluentsErrorCodes(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("harddel");
    String unique = V1.replace("Thing", "HardDel" + UUID.randomUUID().toString().replace("-", ""));
    http.register(s, unique);
    assertCode(http.delete("/subjects/" + s + "?permanent=true"), 404, 40405);
    assertEquals("[1]", http.delete("/subjects/" + s).body().toString());
    assertCode(http.delete("/subjects/" + s), 404, 40404);
    assertEquals("[1]", http.delete("/subjects/" + s + "?permanent=true").body().toString());
    assertCode(http.delete("/subjects/" + s), 404, 40401);
    assertCode(http.delete("/subjects/" + s + "?permanent=true"), 404, 40401);
    assertCode(http.get("/subjects/" + s + "/versions?deleted=true"), 404, 40401);
    assertFalse(strings(http.get("/subjects?deleted=true")).contains(s));
    // Nothing of the subject is left, so numbering starts again.
    assertEquals(200, http.register(s, unique).status());
    assertEquals("[1]", http.get("/subjects/" + s + "/versions").body().toString());
  }

  @Test
  void reRegisteringAfterASoftDeleteKeepsTheIdAndTakesTheNextVersion(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("softre");
    int id = http.register(s, V1).body().get("id").asInt();
    http.delete("/subjects/" + s);
    assertEquals(id, http.register(s, V1).body().get("id").asInt());
    RegistryHttp.Response latest = http.get("/subjects/" + s + "/versions/latest");
    assertEquals(2, latest.body().get("version").asInt(), latest.body().toString());
    assertEquals("[2]", http.get("/subjects/" + s + "/versions").body().toString());
    assertEquals("[1,2]", http.get("/subjects/" + s + "/versions?deleted=true").body().toString());
  }

  /**
   * Confluent API, "DELETE /subjects/(subject)/versions/(version)": soft, then permanent; 40406 /
   * 40407.
   */
  @Test
  void versionDeleteIsSoftThenPermanentWithConfluentsErrorCodes(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("verdel");
    http.register(s, V1);
    http.register(s, V2_WITH_DEFAULT);
    assertCode(http.delete("/subjects/" + s + "/versions/1?permanent=true"), 404, 40407);
    assertEquals("1", http.delete("/subjects/" + s + "/versions/1").body().toString());
    assertCode(http.delete("/subjects/" + s + "/versions/1"), 404, 40406);
    assertEquals("[2]", http.get("/subjects/" + s + "/versions").body().toString());
    assertCode(http.get("/subjects/" + s + "/versions/1"), 404, 40402);
    assertCode(http.delete("/subjects/" + s + "/versions/7"), 404, 40402);
    assertCode(http.delete("/subjects/" + s + "/versions/abc"), 422, 42202);
    assertEquals("2", http.delete("/subjects/" + s + "/versions/latest").body().toString());
    assertCode(http.get("/subjects/" + s + "/versions"), 404, 40401);
    assertEquals(
        "1", http.delete("/subjects/" + s + "/versions/1?permanent=true").body().toString());
    assertEquals("[2]", http.get("/subjects/" + s + "/versions?deleted=true").body().toString());
    assertCode(http.delete("/subjects/" + subject("nosuch") + "/versions/1"), 404, 40401);
  }

  /**
   * Confluent API, "POST /compatibility/subjects/(subject)/versions[/(version)]": without a version
   * the check is the one registering does (all versions under a transitive level); with one, that
   * version only.
   */
  @Test
  void compatibilityWithoutAVersionChecksWhatRegisteringChecks(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("compat");
    http.put("/config/" + s, Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    http.register(s, V1);
    http.register(s, V2_WITH_DEFAULT);
    // Reads v2's data (it has price) but not v1's (no price, and no default to fill it in).
    Map<String, String> body = Map.of("schema", V2_NO_DEFAULT);
    assertTrue(isCompatible(http.post("/compatibility/subjects/" + s + "/versions/latest", body)));
    assertTrue(isCompatible(http.post("/compatibility/subjects/" + s + "/versions/2", body)));
    assertFalse(isCompatible(http.post("/compatibility/subjects/" + s + "/versions/1", body)));
    assertFalse(isCompatible(http.post("/compatibility/subjects/" + s + "/versions", body)));
    assertEquals(409, http.register(s, V2_NO_DEFAULT).status());
    assertCode(http.post("/compatibility/subjects/" + s + "/versions/9", body), 404, 40402);
  }

  /**
   * Confluent 7.2+: a check against a subject that does not exist yet is 200 {@code is_compatible:
   * true}.
   */
  @Test
  void compatibilityAgainstANewSubjectIsTrue(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("fresh");
    RegistryHttp.Response latest =
        http.post("/compatibility/subjects/" + s + "/versions/latest", Map.of("schema", V1));
    assertEquals(200, latest.status(), latest.body().toString());
    assertTrue(isCompatible(latest));
    assertTrue(
        isCompatible(
            http.post("/compatibility/subjects/" + s + "/versions", Map.of("schema", V1))));
  }

  @Test
  void schemaIdEndpointsListItsSubjectsAndVersions(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String unique = V1.replace("Thing", "ById" + UUID.randomUUID().toString().replace("-", ""));
    String a = subject("ida");
    String b = subject("idb");
    int id = http.register(a, unique).body().get("id").asInt();
    http.register(b, unique);
    assertEquals(Set.of(a, b), Set.copyOf(strings(http.get("/schemas/ids/" + id + "/subjects"))));
    Set<String> pairs = new HashSet<>();
    http.get("/schemas/ids/" + id + "/versions")
        .body()
        .forEach(n -> pairs.add(n.get("subject").asText() + "@" + n.get("version").asInt()));
    assertEquals(Set.of(a + "@1", b + "@1"), pairs);
    http.delete("/subjects/" + b);
    assertEquals(List.of(a), strings(http.get("/schemas/ids/" + id + "/subjects")));
    assertEquals(
        Set.of(a, b),
        Set.copyOf(strings(http.get("/schemas/ids/" + id + "/subjects?deleted=true"))));
    assertCode(http.get("/schemas/ids/999999/subjects"), 404, 40403);
  }

  @Test
  void schemasListingTypesReferencedByModeAndContexts(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String prefix = "list" + UUID.randomUUID().toString().replace("-", "");
    String s = prefix + "-value";
    int v1 = http.register(s, V1).body().get("id").asInt();
    int v2 = http.register(s, V2_WITH_DEFAULT).body().get("id").asInt();
    JsonNode all = http.get("/schemas?subjectPrefix=" + prefix).body();
    assertEquals(2, all.size(), all.toString());
    assertEquals(
        List.of(v1, v2), List.of(all.get(0).get("id").asInt(), all.get(1).get("id").asInt()));
    assertEquals(s, all.get(0).get("subject").asText());
    assertEquals(AvroCanonicalText.of(V1), AvroCanonicalText.of(all.get(0).get("schema").asText()));
    JsonNode latest = http.get("/schemas?subjectPrefix=" + prefix + "&latestOnly=true").body();
    assertEquals(1, latest.size(), latest.toString());
    assertEquals(2, latest.get(0).get("version").asInt());
    assertTrue(strings(http.get("/schemas/types")).contains("AVRO"));
    assertEquals("[]", http.get("/subjects/" + s + "/versions/1/referencedby").body().toString());
    assertCode(http.get("/subjects/" + s + "/versions/5/referencedby"), 404, 40402);
    assertEquals("READWRITE", http.get("/mode").body().get("mode").asText());
    assertTrue(
        strings(http.get("/contexts")).contains("."), http.get("/contexts").body().toString());
  }

  @Test
  void deletingASubjectLevelFallsBackToTheGlobalOne(KafkaStack stack) {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String s = subject("cfgdel");
    http.register(s, V1);
    http.put("/config/" + s, Map.of("compatibility", "FULL"));
    RegistryHttp.Response deleted = http.delete("/config/" + s);
    assertEquals(200, deleted.status(), deleted.body().toString());
    assertEquals("FULL", deleted.body().get("compatibilityLevel").asText());
    assertCode(http.get("/config/" + s), 404, 40408);
    assertEquals(
        http.get("/config").body().get("compatibilityLevel").asText(),
        http.get("/config/" + s + "?defaultToGlobal=true")
            .body()
            .get("compatibilityLevel")
            .asText());
  }

  /**
   * One {@code .avsc}, one id: a non-Java client registers the file's text, then our serializer
   * writes a record of the class generated from it. The registry must see the same schema (no
   * second version, no second id).
   */
  @Test
  void theAvscRegisteredByAnotherClientAndOurSerializerShareOneId(KafkaStack stack)
      throws Exception {
    RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
    String topic = "xlang-" + UUID.randomUUID();
    String subject = topic + "-value";
    int avscId = http.register(subject, avsc("Item")).body().get("id").asInt();
    Item item =
        Item.newBuilder()
            .setItemId("1")
            .setTitle("Toy Story")
            .setUpdatedAt(Instant.ofEpochMilli(0))
            .build();
    try (Serde<Item> serde =
        AvroSerdes.specific(
            Item.class,
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()),
            false)) {
      byte[] bytes = serde.serializer().serialize(topic, item);
      assertEquals(avscId, WireFormat.schemaId(bytes));
      assertEquals(item, serde.deserializer().deserialize(topic, bytes));
    }
    assertEquals("[1]", http.get("/subjects/" + subject + "/versions").body().toString());
  }

  private static String avsc(String name) throws IOException {
    String path = "/avro/io/llmemb/schemas/avro/" + name + ".avsc";
    try (InputStream in = RegistryContract.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException(path + " is not on the classpath (schemas jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static boolean isCompatible(RegistryHttp.Response r) {
    assertEquals(200, r.status(), r.body().toString());
    return r.body().get("is_compatible").asBoolean();
  }

  static List<String> strings(RegistryHttp.Response r) {
    assertEquals(200, r.status(), r.body().toString());
    List<String> out = new ArrayList<>();
    r.body().forEach(n -> out.add(n.asText()));
    return out;
  }

  static void assertCode(RegistryHttp.Response r, int status, int code) {
    assertEquals(status, r.status(), r.body().toString());
    assertEquals(code, r.errorCode(), r.body().toString());
  }
}
