package io.llmemb.data.prep;

import io.llmemb.data.ItemCatalog;
import io.llmemb.data.LoadReport;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import io.llmemb.data.SequenceSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RawDataset} into a {@link PreparedDataset} exactly as docs/llmemb-method.md §1:
 * one-pass core filter, stable time sort, id assignment, minimum-length filter (ids are assigned
 * before it, so some ids may end up unused), leave-one-out split, distinct-user popularity over the
 * full sequences, tail threshold.
 */
public final class Preprocessor {

  /** Report keys written by this step. */
  public static final String AFTER_CORE = "interactions after core filter";

  public static final String SHORT_USERS = "users dropped by min length";
  public static final String USERS = "users";
  public static final String ITEMS = "items (max item id)";
  public static final String INTERACTIONS = "interactions";
  public static final String UNUSED_IDS = "item ids without interactions";
  public static final String NO_METADATA = "items without metadata";
  public static final String TAIL_THRESHOLD = "tail threshold";
  public static final String TAIL_TEST_CASES = "test targets in tail";

  private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);

  private Preprocessor() {}

  /**
   * Prepares {@code raw} with {@code config}; counts go into {@code raw.report()}, which is logged.
   */
  public static PreparedDataset prepare(RawDataset raw, PrepConfig config) {
    LoadReport report = raw.report();
    var kept =
        CoreFilter.apply(
            raw.interactions(), config.userCore(), config.itemCore(), config.iterativeCore());
    report.set(AFTER_CORE, kept.size());
    SequenceBuilder.Mapped mapped = SequenceBuilder.build(kept, config.tieRule());

    List<String> users = new ArrayList<>();
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < mapped.sequences().size(); u++) {
      int[] seq = mapped.sequences().get(u);
      if (seq.length >= config.minSequenceLength()) {
        users.add(mapped.rawUserIds().get(u));
        sequences.add(seq);
      }
    }
    report.set(SHORT_USERS, mapped.sequences().size() - sequences.size());
    if (sequences.isEmpty()) {
      throw new IllegalStateException(
          "no user is left after filtering "
              + raw.interactions().size()
              + " interactions with cores "
              + config.userCore()
              + "/"
              + config.itemCore());
    }
    int numItems = sequences.stream().flatMapToInt(Arrays::stream).max().orElseThrow();
    int[] popularity = Splits.popularity(sequences, numItems);
    int threshold = config.tailThreshold().resolve(popularity);
    SequenceSplit split =
        Splits.leaveOneOut(
            config.name(), numItems, sequences, popularity, threshold, config.tailUserThreshold());
    ItemCatalog catalog = catalog(raw, mapped.rawItemIds().subList(0, numItems + 1), report);

    report.set(USERS, users.size());
    report.set(ITEMS, numItems);
    report.set(INTERACTIONS, sequences.stream().mapToLong(s -> s.length).sum());
    report.set(
        UNUSED_IDS, Arrays.stream(popularity, 1, popularity.length).filter(p -> p == 0).count());
    report.set(TAIL_THRESHOLD, threshold);
    report.set(TAIL_TEST_CASES, Arrays.stream(split.test()).filter(split::isTailItem).count());
    LOG.info(
        "Prepared {} with {} (tail threshold {}): {}",
        config.name(),
        config,
        threshold,
        report.counts());
    return new PreparedDataset(split, catalog, List.copyOf(users));
  }

  private static ItemCatalog catalog(RawDataset raw, List<String> rawItemIds, LoadReport report) {
    List<Map<String, Object>> attributes = new ArrayList<>(rawItemIds.size());
    attributes.add(null);
    long missing = 0;
    for (int id = 1; id < rawItemIds.size(); id++) {
      RawItem item = raw.items().get(rawItemIds.get(id));
      if (item == null) {
        missing++;
      }
      attributes.add(item == null ? Map.of() : item.attributes());
    }
    report.set(NO_METADATA, missing);
    return new ItemCatalog(
        raw.kind(),
        Collections.unmodifiableList(new ArrayList<>(rawItemIds)),
        Collections.unmodifiableList(attributes));
  }
}
