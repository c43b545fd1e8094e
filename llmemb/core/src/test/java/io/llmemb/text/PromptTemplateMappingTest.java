package io.llmemb.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.RawDataset;
import io.llmemb.data.load.DatasetFormat;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one mapping from a prepared dataset (catalog kind + prepare format) to its prompt template.
 */
class PromptTemplateMappingTest {

  @ParameterizedTest
  @CsvSource({
    "movielens, ml-latest-small, movielens",
    "ml-1m, ml-1m, movielens",
    "ml-100k, ml-100k, movielens",
    "amazon2014, amazon2014, amazon-beauty",
    "amazon2018, amazon2018, amazon-fashion",
    "yelp, yelp, yelp",
  })
  void everyPrepareFormatGetsItsTemplateOnRealFixtureData(
      String formatName, String fixture, String template) throws URISyntaxException {
    DatasetFormat format = DatasetFormat.of(formatName);
    Path dir = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());
    RawDataset raw = format.loader().load(format.resolve(List.of(dir)));
    String kind = PromptTemplates.kindForDataset(raw.kind(), format.cliName());
    assertEquals(template, kind);
    PromptTemplate t = PromptTemplates.forKind(kind);
    Map<String, Object> someItem = raw.items().values().iterator().next().attributes();
    String prompt = t.build(someItem);
    assertTrue(
        prompt.startsWith(t.instruction()) && prompt.length() > t.instruction().length(), prompt);
  }

  @Test
  void templateKindsPassThroughAndUnknownDatasetsFailNamingTheKnownOnes() {
    assertEquals("amazon-fashion", PromptTemplates.kindForDataset("Amazon-Fashion", null));
    assertEquals("yelp", PromptTemplates.kindForDataset("yelp", null));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PromptTemplates.kindForDataset("amazon", "amazon2023"));
    assertTrue(
        e.getMessage().contains("amazon/amazon2014") && e.getMessage().contains("amazon2023"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> PromptTemplates.kindForDataset("steam", "steam"));
  }
}
