package io.llmemb.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.InteractionType;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.schemas.avro.ItemEmbedding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented input bounds, at and just past each edge, and the security keys every client gets.
 */
class InputLimitsTest {

  private static final Instant T = Instant.ofEpochMilli(1);

  @Test
  void idsAreBoundedAtTheirDocumentedLength() {
    String edge = "a".repeat(InputLimits.MAX_ID_CHARS);
    assertTrue(
        InputLimits.check(new Interaction(edge, edge, InteractionType.VIEW, null, T)).isEmpty());
    assertEquals(
        "itemId has 257 characters, at most 256",
        InputLimits.check(new Interaction("u", edge + "b", InteractionType.VIEW, null, T))
            .orElseThrow());
    assertEquals(
        "userId is blank",
        InputLimits.check(new Interaction(" ", "i", InteractionType.VIEW, null, T)).orElseThrow());
  }

  @Test
  void itemTextAndListsAreBounded() {
    Item ok =
        Item.newBuilder()
            .setItemId("1")
            .setTitle("t")
            .setUpdatedAt(T)
            .setDescription("d".repeat(InputLimits.MAX_LONG_TEXT_CHARS))
            .build();
    assertTrue(InputLimits.check(ok).isEmpty());
    assertTrue(
        InputLimits.check(
                Item.newBuilder(ok)
                    .setDescription("d".repeat(InputLimits.MAX_LONG_TEXT_CHARS + 1))
                    .build())
            .orElseThrow()
            .startsWith("description has"));
    assertTrue(
        InputLimits.check(
                Item.newBuilder(ok)
                    .setAttributes(
                        List.of(
                            new ItemAttribute(
                                "k", "v".repeat(InputLimits.MAX_LONG_TEXT_CHARS + 1))))
                    .build())
            .orElseThrow()
            .startsWith("attributes[].value"));
    assertTrue(
        InputLimits.check(
                Item.newBuilder(ok)
                    .setCategories(
                        java.util.Collections.nCopies(InputLimits.MAX_LIST_ENTRIES + 1, "c"))
                    .build())
            .orElseThrow()
            .startsWith("categories has 101 entries"));
  }

  @Test
  void embeddingsMustMatchTheirKeyAndBeFinite() {
    ItemEmbedding e = new ItemEmbedding("i", List.of(1f, 2f), "h", "m@1", "p", T);
    assertTrue(InputLimits.check("i", e).isEmpty());
    assertTrue(InputLimits.check("j", e).orElseThrow().contains("differs from itemId"));
    ItemEmbedding nan = new ItemEmbedding("i", List.of(1f, Float.NaN), "h", "m@1", "p", T);
    assertEquals(
        "vector component 1 is NaN; every component must be finite",
        InputLimits.check("i", nan).orElseThrow());
    assertTrue(
        InputLimits.check("i", new ItemEmbedding("i", List.of(), "h", "m@1", "p", T)).isPresent());
  }

  @Test
  void securitySettingsPassOnlyWhenSet() {
    Map<String, Object> picked =
        ClientSecurity.select(
            Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                " ",
                "bootstrap.servers",
                "b:9092"));
    assertEquals(
        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), picked);
  }
}
