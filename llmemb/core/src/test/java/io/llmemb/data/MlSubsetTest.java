package io.llmemb.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.load.MovieLensItems;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlSubsetTest {

  @Test
  void fixtureLoadsAsPreparedDataset() {
    PreparedDataset ds = MlSubset.load();
    SequenceSplit s = ds.split();
    assertEquals(120, s.numUsers(), "every one of the 120 users has >= 3 ratings after 3/3 cores");
    assertTrue(s.numItems() > 1000, "items: " + s.numItems());
    SplitInvariants.check(ds);
    long tailItems =
        Arrays.stream(s.popularity(), 1, s.numItems() + 1)
            .filter(p -> p < s.tailThreshold())
            .count();
    double share = (double) tailItems / s.numItems();
    assertTrue(share >= 0.8 && share < 0.95, "auto tail share " + share);
    Map<String, Object> first = ds.catalog().attributes().get(1);
    assertTrue(first.get(MovieLensItems.TITLE) instanceof String);
    assertTrue(first.get(MovieLensItems.GENRES) instanceof List);
    assertEquals("movielens", ds.catalog().kind());
  }
}
