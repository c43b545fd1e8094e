package io.llmemb.data.prep;

import io.llmemb.data.Interaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups interactions into per-user time-ordered sequences and assigns ids (docs/llmemb-method.md
 * §1 steps 3-4, data_process.py {@code id_map} L354-383): users in order, items 1.. in the order
 * they are first met while walking the sorted sequences.
 */
final class SequenceBuilder {

  /** Sequences on mapped ids; {@code rawItemIds.get(id)} for id >= 1 (index 0 is null). */
  record Mapped(List<String> rawUserIds, List<int[]> sequences, List<String> rawItemIds) {}

  private SequenceBuilder() {}

  static Mapped build(List<Interaction> interactions, TieRule tieRule) {
    Map<String, List<Interaction>> byUser = new LinkedHashMap<>();
    for (Interaction it : interactions) {
      byUser.computeIfAbsent(it.userId(), k -> new ArrayList<>()).add(it);
    }
    List<String> users = new ArrayList<>(byUser.keySet());
    Comparator<Interaction> order = Comparator.comparingLong(Interaction::timestamp);
    if (tieRule == TieRule.RAW_ITEM_ID) {
      users.sort(RawIdOrder.INSTANCE);
      order = order.thenComparing(Interaction::itemId, RawIdOrder.INSTANCE);
    }
    Map<String, Integer> itemIds = new LinkedHashMap<>();
    List<String> rawItemIds = new ArrayList<>();
    rawItemIds.add(null);
    List<int[]> sequences = new ArrayList<>(users.size());
    for (String u : users) {
      List<Interaction> seq = byUser.get(u);
      seq.sort(order); // List.sort is a stable merge sort, as Python's sort (§1 step 3)
      int[] ids = new int[seq.size()];
      for (int i = 0; i < ids.length; i++) {
        String raw = seq.get(i).itemId();
        ids[i] =
            itemIds.computeIfAbsent(
                raw,
                k -> {
                  rawItemIds.add(k);
                  return rawItemIds.size() - 1;
                });
      }
      sequences.add(ids);
    }
    return new Mapped(users, sequences, rawItemIds);
  }
}
