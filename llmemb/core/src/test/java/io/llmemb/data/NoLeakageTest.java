package io.llmemb.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds every user's time-ordered sequence straight from the fixture's ratings.csv,
 * independently of the preprocessing code, and checks that train holds exactly all but the last two
 * positions: no validation or test item (and nothing later in time) leaks into training.
 */
class NoLeakageTest {

  private record Row(String user, long item, long time) {}

  @Test
  void trainExcludesTheLastTwoTimeOrderedPositionsOfEveryUser() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line :
        Files.readAllLines(MlSubset.dir().resolve("ratings.csv")).subList(1, 18_481)) {
      String[] f = line.split(",");
      rows.add(new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[3])));
    }
    Map<String, Integer> userCount = new HashMap<>();
    Map<Long, Integer> itemCount = new HashMap<>();
    rows.forEach(
        r -> {
          userCount.merge(r.user(), 1, Integer::sum);
          itemCount.merge(r.item(), 1, Integer::sum);
        });
    Map<String, List<Row>> byUser = new HashMap<>();
    for (Row r : rows) {
      if (userCount.get(r.user()) >= MlSubset.CORE && itemCount.get(r.item()) >= MlSubset.CORE) {
        byUser.computeIfAbsent(r.user(), k -> new ArrayList<>()).add(r);
      }
    }
    PreparedDataset ds = MlSubset.load();
    SequenceSplit s = ds.split();
    for (int u = 0; u < s.numUsers(); u++) {
      List<Row> seq = byUser.get(ds.rawUserIds().get(u));
      seq.sort(Comparator.comparingLong(Row::time).thenComparingLong(Row::item));
      int n = seq.size();
      assertEquals(n - 2, s.train()[u].length, "train length of user " + ds.rawUserIds().get(u));
      long lastTrainTime = Long.MIN_VALUE;
      for (int i = 0; i < n - 2; i++) {
        assertEquals(
            Long.toString(seq.get(i).item()), ds.catalog().rawItemIds().get(s.train()[u][i]));
        lastTrainTime = Math.max(lastTrainTime, seq.get(i).time());
      }
      assertEquals(
          Long.toString(seq.get(n - 2).item()), ds.catalog().rawItemIds().get(s.valid()[u]));
      assertEquals(
          Long.toString(seq.get(n - 1).item()), ds.catalog().rawItemIds().get(s.test()[u]));
      assertTrue(
          seq.get(n - 2).time() >= lastTrainTime && seq.get(n - 1).time() >= seq.get(n - 2).time());
    }
  }
}
