package io.llmemb.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.errors.SchemaNotFoundException;
import io.llmemb.schemas.errors.SchemaRejectedException;
import io.llmemb.schemas.errors.UnknownSchemaIdException;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

  private final String scope = "mock-test-" + UUID.randomUUID();
  private final MockSchemaRegistryClient registry = MockSchemaRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void idsAreGlobalVersionsPerSubjectAndRegistrationIdempotent() {
    int item = registry.register("a-value", Item.getClassSchema());
    assertEquals(
        item,
        registry.register("a-value", Item.getClassSchema()),
        "re-register returns the same id");
    assertEquals(
        item,
        registry.register("b-value", Item.getClassSchema()),
        "same schema, same id across subjects");
    registry.setCompatibility("a-value", CompatibilityLevel.NONE);
    int interaction = registry.register("a-value", Interaction.getClassSchema());

    assertTrue(interaction != item);
    assertEquals(List.of(1, 2), registry.versions("a-value"));
    assertEquals(
        new RegisteredSchema("a-value", interaction, 2, Interaction.getClassSchema()),
        registry.getLatest("a-value"));
    assertEquals(item, registry.getVersion("a-value", 1).id());
    assertEquals(1, registry.lookup("b-value", Item.getClassSchema()).version());
    assertEquals(Item.getClassSchema(), registry.getById(item));
    assertEquals(List.of("a-value", "b-value"), registry.subjects().stream().sorted().toList());
  }

  @Test
  void compatibilityLevelsFallBackToGlobal() {
    assertEquals(CompatibilityLevel.BACKWARD_TRANSITIVE, registry.compatibility("x"));
    registry.setGlobalCompatibility(CompatibilityLevel.FULL);
    assertEquals(CompatibilityLevel.FULL, registry.compatibility("x"));
    registry.setCompatibility("x", CompatibilityLevel.NONE);
    assertEquals(CompatibilityLevel.NONE, registry.compatibility("x"));
    assertEquals(CompatibilityLevel.FULL, registry.globalCompatibility());
  }

  @Test
  void byDefaultAChangeOnlyTheLatestVersionCanReadIsRefusedLikeOnTheDevStack() {
    Schema a = record("{\"name\":\"a\",\"type\":\"int\"}");
    Schema ab =
        record(
            "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
    // Reads ab's data (it has b) but not a's: BACKWARD accepts it, BACKWARD_TRANSITIVE (the stack's
    // default) not.
    Schema onlyB = record("{\"name\":\"b\",\"type\":\"string\"}");
    registry.register("evolving", a);
    registry.register("evolving", ab);
    assertFalse(registry.testCompatibility("evolving", onlyB));
    assertThrows(SchemaRejectedException.class, () -> registry.register("evolving", onlyB));
    registry.setCompatibility("evolving", CompatibilityLevel.BACKWARD);
    assertTrue(registry.testCompatibility("evolving", onlyB));
  }

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  @Test
  void missingThingsAreTypedNotFound() {
    assertEquals(
        40401,
        assertThrows(SchemaNotFoundException.class, () -> registry.getLatest("none")).errorCode());
    registry.register("s", Item.getClassSchema());
    assertEquals(
        40402,
        assertThrows(SchemaNotFoundException.class, () -> registry.getVersion("s", 2)).errorCode());
    assertEquals(
        40403,
        assertThrows(
                SchemaNotFoundException.class,
                () -> registry.lookup("s", Interaction.getClassSchema()))
            .errorCode());
    assertEquals(
        77, assertThrows(UnknownSchemaIdException.class, () -> registry.getById(77)).schemaId());
  }

  @Test
  void scopesAreSharedByNameAndDroppedExplicitly() {
    registry.register("s", Item.getClassSchema());
    assertSame(registry, MockSchemaRegistry.scope(scope));
    MockSchemaRegistry.dropScope(scope);
    MockSchemaRegistryClient fresh = MockSchemaRegistry.scope(scope);
    assertNotSame(registry, fresh);
    assertTrue(fresh.subjects().isEmpty());
  }
}
