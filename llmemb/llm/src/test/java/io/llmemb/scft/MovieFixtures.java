package io.llmemb.scft;

import io.llmemb.data.ItemCatalog;
import io.llmemb.text.ItemPrompts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real MovieLens titles/years/genres (a hand-copied sample) as an {@link ItemCatalog} and prompts.
 */
final class MovieFixtures {

  private MovieFixtures() {}

  static ItemCatalog catalog() {
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> attrs = new ArrayList<>();
    ids.add(null);
    attrs.add(null);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                MovieFixtures.class.getResourceAsStream("/scft/movies-sample.tsv"),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", f[0]);
        m.put("year", f[1]);
        m.put("genres", Arrays.asList(f[2].split("\\|")));
        ids.add(Integer.toString(ids.size()));
        attrs.add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ItemCatalog("movielens", ids, attrs);
  }

  static List<String> prompts() {
    List<String> p = ItemPrompts.build(catalog()).prompts();
    return p.subList(1, p.size());
  }
}
