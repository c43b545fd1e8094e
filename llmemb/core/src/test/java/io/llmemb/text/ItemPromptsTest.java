package io.llmemb.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.ItemCatalog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemPromptsTest {

  private static Map<String, Object> attrs(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void movieLensPromptFollowsRawKeyOrderAndCutsFinalSeparator() {
    ItemCatalog catalog =
        new ItemCatalog(
            "movielens",
            Arrays.asList(null, "1", "2"),
            Arrays.asList(
                null,
                attrs(
                    "title",
                    "Toy Story",
                    "year",
                    "1995",
                    "genres",
                    List.of("Animation", "Children", "Comedy")),
                attrs()));
    ItemPrompts p = ItemPrompts.build(catalog);
    assertEquals(
        "The movie has the following attributes: \n title is Toy Story; year is 1995; "
            + "genres is Animation, Children, Comedy",
        p.prompts().get(1));
    assertEquals("The movie has the following attributes: \n ", p.prompts().get(2));
    assertEquals(1, p.instructionOnly());
    assertTrue(p.version().startsWith("movielens-"));
  }

  @Test
  void beautyCutsListsTo100ThenDropsTwoCharacters() {
    PromptTemplate t = PromptTemplates.forKind("amazon-beauty");
    String shortCats =
        t.build(
            attrs(
                "asin",
                "B01",
                "categories",
                List.of(List.of("Beauty", "Makeup"), List.of("Other")),
                "salesRank",
                "x",
                "title",
                "Red; bold\nlipstick"));
    assertEquals(
        "The beauty item has the following attributes: \n categories is Beauty, Makeup; "
            + "title is Red. bold lipstick",
        shortCats);
    String longName = "a".repeat(60);
    String cut = t.build(attrs("categories", List.of(List.of(longName, longName))));
    // 60 + ", " + 38 chars = 100, then [:-2] removes two real characters
    assertEquals(t.instruction() + "categories is " + longName + ", " + "a".repeat(36), cut);
    String title = t.build(attrs("title", "b".repeat(150)));
    assertEquals(t.instruction() + "title is " + "b".repeat(100), title);
  }

  @Test
  void fashionDropsKeysAndRendersOtherListsAsPythonStrings() {
    PromptTemplate t = PromptTemplates.forKind("amazon-fashion");
    String p =
        t.build(
            attrs(
                "also_buy",
                List.of("x"),
                "feature",
                List.of("Cotton", "Slim"),
                "category",
                List.of("Men", "Shirts"),
                "imageURL",
                List.of("u")));
    assertEquals(t.instruction() + "feature is Cotton, Slim; category is ['Men', 'Shirts']", p);
  }

  @Test
  void yelpSplitsCategoryStringAndDropsCoordinates() {
    PromptTemplate t = PromptTemplates.forKind("yelp");
    String p =
        t.build(
            attrs(
                "business_id",
                "b1",
                "name",
                "Café Zoë",
                "latitude",
                "1.0",
                "longitude",
                "2.0",
                "categories",
                "Bars, Nightlife,Pubs",
                "hours",
                "Mon 9-5\nTue 9-5"));
    assertEquals(
        t.instruction()
            + "name is Café Zoë; categories is Bars, Nightlife, Pubs; "
            + "hours is Mon 9-5, Tue 9-5",
        p);
  }

  @Test
  void unknownKindFailsNamingKnownKinds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptTemplates.forKind("steam"));
    assertTrue(e.getMessage().contains("movielens"));
  }

  @Test
  void versionsDifferBetweenTemplates() {
    assertNotEquals(
        ItemPrompts.versionOf(PromptTemplates.movieLens()),
        ItemPrompts.versionOf(PromptTemplates.yelp()));
    assertEquals(
        ItemPrompts.versionOf(PromptTemplates.movieLens()),
        ItemPrompts.versionOf(PromptTemplates.forKind("MovieLens")));
  }
}
