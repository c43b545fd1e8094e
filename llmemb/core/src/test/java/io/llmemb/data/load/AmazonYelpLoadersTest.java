package io.llmemb.data.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.Preprocessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmazonYelpLoadersTest {

  private static RawDataset load(DatasetFormat f, String fixture) {
    return f.loader().load(f.resolve(List.of(Fixtures.dir(fixture))));
  }

  @Test
  void amazon2014PythonLiteralMeta() {
    RawDataset ds = load(DatasetFormat.AMAZON_2014, "amazon2014");
    assertEquals("amazon", ds.kind());
    assertEquals(5, ds.items().size());
    Map<String, Object> a = ds.items().get("7806397051").attributes();
    assertEquals(
        List.of("title", "price", "imUrl", "related", "salesRank", "categories", "brand"),
        List.copyOf(a.keySet()),
        "raw key order without asin");
    assertEquals(
        List.of("Beauty", "Skin Care", "Face", "Creams & Moisturizers"),
        a.get("categories"),
        "first category path (§2 uses value[0])");
    assertEquals("L'Oreal", a.get("brand"));
    assertEquals("12.99", a.get("price"));
    assertEquals("{'Beauty': 402875}", a.get("salesRank"));
    assertEquals(
        "As we age, our skin\nloses 'firmness' and \"glow\".",
        ds.items().get("B00004TMFE").attributes().get("description"));
    assertEquals(
        List.of("Beauty", "Hair Care"),
        ds.items().get("B00013Z0ZQ").attributes().get("categories"),
        "strict JSON meta lines are accepted too");
    assertEquals(List.of(), ds.items().get("B000052YJM").attributes().get("categories"));
    LoadReport r = ds.report();
    assertEquals(2, r.get(LoadReport.MALFORMED), r.examples().toString());
    assertTrue(
        r.examples().get(LoadReport.MALFORMED).stream()
            .anyMatch(e -> e.startsWith("reviews_Beauty_5.json.gz:5")));
    assertTrue(
        r.examples().get(LoadReport.MALFORMED).stream()
            .anyMatch(e -> e.startsWith("meta_Beauty.json.gz:6")));
    assertEquals(1, r.get(LoadReport.UNKNOWN_ITEM));
    assertEquals(17, ds.interactions().size());
  }

  @Test
  void amazon2018StrictJsonMetaWithDuplicates() {
    RawDataset ds = load(DatasetFormat.AMAZON_2018, "amazon2018");
    assertEquals(4, ds.items().size());
    Map<String, Object> a = ds.items().get("B000K2PJ4K").attributes();
    assertEquals(List.of("Rubber sole", "Imported; true to size"), a.get("feature"));
    assertEquals(List.of("Clothing, Shoes & Jewelry", "Men"), a.get("category"));
    assertEquals(
        "{'Package Dimensions:': '10 x 5 x 3 inches', 'Shipping Weight:': '1.2 pounds'}",
        a.get("details"));
    assertTrue(
        a.containsKey("also_buy") && a.containsKey("imageURL"),
        "dropping is the prompt builder's job");
    assertEquals(
        "Sock", ds.items().get("B000KPIHQ4").attributes().get("title"), "first record wins");
    assertEquals(1, ds.report().get(LoadReport.DUPLICATE_ITEM));
    assertEquals(1, ds.report().get(LoadReport.MALFORMED), "review without unixReviewTime");
    assertEquals(12, ds.interactions().size());
  }

  @Test
  void yelpDateRangeCategoriesAndDateNumbers() {
    RawDataset ds = load(DatasetFormat.YELP, "yelp");
    assertEquals("yelp", ds.kind());
    assertEquals(4, ds.items().size());
    Map<String, Object> b = ds.items().get("f9NumwFMBDn751xgFiRbNA").attributes();
    assertEquals(
        List.of("Active Life", "Gun/Rifle Ranges", "Guns & Ammo", "Shopping"), b.get("categories"));
    assertEquals("3.5", b.get("stars"));
    assertEquals("{'Monday': '10:0-18:0', 'Tuesday': '11:0-20:0'}", b.get("hours"));
    assertEquals("None", ds.items().get("XNoUzKckATkOD1hP6vghZg").attributes().get("categories"));
    assertEquals(
        List.of("Hardware Stores", "Home Services"),
        ds.items().get("6OAZjbxqM5ol29BuHsil3w").attributes().get("categories"));
    LoadReport r = ds.report();
    assertEquals(2, r.get(LoadReport.OUT_OF_RANGE), "1999-12-31 and 2020-01-01 dropped, counted");
    assertEquals(1, r.get(LoadReport.NON_POSITIVE_RATING));
    assertEquals(1, r.get(LoadReport.MALFORMED), "broken business line");
    assertEquals(13, ds.interactions().size());
    assertTrue(ds.interactions().stream().anyMatch(i -> i.timestamp() == 20191231235959L));
    assertEquals(20160301004442L, YelpLoader.dateNumber("2016-03-01 00:44:42"));
  }

  @Test
  void everyFormatPreparesEndToEnd() {
    for (DatasetFormat f : DatasetFormat.values()) {
      String fixture =
          switch (f) {
            case MOVIELENS -> "ml-latest-small";
            case AMAZON_2014 -> "amazon2014";
            case AMAZON_2018 -> "amazon2018";
            default -> f.cliName();
          };
      PreparedDataset ds =
          Preprocessor.prepare(load(f, fixture), PrepConfig.defaults(f, fixture).withCores(1, 1));
      assertTrue(ds.split().numUsers() >= 3, f + " users " + ds.split().numUsers());
      assertEquals(ds.split().numItems(), ds.catalog().numItems());
    }
  }
}
