package io.llmemb.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.ItemCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogJsonlTest {

  @Test
  void readsItemsInOrderKeepingKeyOrderAndLists(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.jsonl");
    Files.writeString(
        f,
        "{\"item\":\"10\",\"attributes\":{\"year\":1995,\"title\":\"Heat\",\"genres\":[\"Action\"]}}\n"
            + "\n{\"item\":\"11\"}\n");
    ItemCatalog c = CatalogJsonl.read(f, "movielens");
    assertEquals(2, c.numItems());
    assertEquals(List.of("year", "title", "genres"), List.copyOf(c.attributes().get(1).keySet()));
    assertEquals(List.of("Action"), c.attributes().get(1).get("genres"));
    assertTrue(c.attributes().get(2).isEmpty());
    assertEquals(
        "The movie has the following attributes: \n year is 1995; title is Heat; genres is Action",
        ItemPrompts.build(c).prompts().get(1));
  }

  @Test
  void badLineNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"item\":\"1\"}\n{\"attributes\":{}}\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CatalogJsonl.read(f, "x"));
    assertTrue(e.getMessage().contains("bad.jsonl:2"), e.getMessage());
  }
}
