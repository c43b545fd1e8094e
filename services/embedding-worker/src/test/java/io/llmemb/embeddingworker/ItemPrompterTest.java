package io.llmemb.embeddingworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.llmemb.data.load.MovieLensItems;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemAttribute;
import io.llmemb.text.PromptTemplates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemPrompterTest {

  private final ItemPrompter prompter = new ItemPrompter("movielens");

  @Test
  void movieLensItemGetsTheOfflinePipelinePrompt() {
    // What bin/demo publishes for movies.csv row "1,Toy Story (1995),Adventure|Animation|Children".
    Item item =
        Item.newBuilder()
            .setItemId("1")
            .setTitle("Toy Story")
            .setCategory("Adventure")
            .setCategories(List.of("Adventure", "Animation", "Children"))
            .setAttributes(List.of(new ItemAttribute("year", "1995")))
            .setSource("movielens")
            .setUpdatedAt(Instant.EPOCH)
            .build();
    String offline =
        PromptTemplates.forKind("movielens")
            .build(MovieLensItems.fromTitle("Toy Story (1995)", "Adventure|Animation|Children"));
    PromptedItem p = prompter.prompt(item);
    assertEquals(offline, p.prompt());
    assertEquals(64, p.promptHash().length());
  }

  @Test
  void promptIgnoresBookkeepingFieldsButNotAttributes() {
    Item a =
        Item.newBuilder()
            .setItemId("1")
            .setTitle("Heat")
            .setCategories(List.of("Action"))
            .setUpdatedAt(Instant.EPOCH)
            .build();
    Item later =
        Item.newBuilder(a).setUpdatedAt(Instant.ofEpochMilli(5)).setSource("other").build();
    Item renamed = Item.newBuilder(a).setTitle("Heat 2").build();
    assertEquals(prompter.prompt(a).promptHash(), prompter.prompt(later).promptHash());
    assertNotEquals(prompter.prompt(a).promptHash(), prompter.prompt(renamed).promptHash());
  }
}
