package io.llmemb.data.load;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.util.Map;

/** Final step shared by the loaders: counts interactions whose item has no metadata, logs the report. */
final class LoadFinisher {

  static final String ITEMS_READ = "item records read";

  private LoadFinisher() {
  }

  static RawDataset finish(String kind, InteractionSink sink, Map<String, RawItem> items, DatasetFiles files,
      LoadReport report) {
    report.set(ITEMS_READ, items.size());
    if (sink.interactions().isEmpty()) {
      report.logSummary();
      throw new DataFormatException(files.interactions(), "no usable interaction in the file (" + report.counts()
          + ")", null);
    }
    if (files.items() != null) {
      for (Interaction it : sink.interactions()) {
        if (!items.containsKey(it.itemId())) {
          report.problem(LoadReport.UNKNOWN_ITEM, it.source(), "item " + it.itemId() + " has no metadata record");
        }
      }
    }
    report.logSummary();
    return new RawDataset(kind, sink.interactions(), items, report);
  }

  /** Adds an item unless its id was seen before (the first record wins, the duplicate is counted). */
  static void putItem(Map<String, RawItem> items, RawItem item, String source, LoadReport report) {
    if (items.putIfAbsent(item.rawId(), item) != null) {
      report.problem(LoadReport.DUPLICATE_ITEM, source, "item " + item.rawId() + " already defined");
    }
  }
}
