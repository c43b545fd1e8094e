package io.llmemb.data.prep;

import io.llmemb.data.Interaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user/item count filter of data_process.py:L328-350 (docs/llmemb-method.md §1 steps 1-2):
 * count every user's and item's interactions, then drop interactions whose user or item is below
 * its threshold. One pass by default; the iterative k-core ({@code filter_Kcore}, commented out in
 * the official code) repeats until nothing changes.
 */
public final class CoreFilter {

  private CoreFilter() {}

  /** Keeps the interactions that pass; file order is preserved. */
  public static List<Interaction> apply(
      List<Interaction> in, int userCore, int itemCore, boolean iterative) {
    List<Interaction> current = in;
    while (true) {
      List<Interaction> next = onePass(current, userCore, itemCore);
      if (!iterative || next.size() == current.size()) {
        return next;
      }
      current = next;
    }
  }

  private static List<Interaction> onePass(List<Interaction> in, int userCore, int itemCore) {
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    for (Interaction it : in) {
      users.merge(it.userId(), 1, Integer::sum);
      items.merge(it.itemId(), 1, Integer::sum);
    }
    List<Interaction> out = new ArrayList<>(in.size());
    for (Interaction it : in) {
      if (users.get(it.userId()) >= userCore && items.get(it.itemId()) >= itemCore) {
        out.add(it);
      }
    }
    return out;
  }
}
