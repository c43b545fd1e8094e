package io.llmemb.data.load;

import io.llmemb.data.DataFormatException;
import io.llmemb.data.Interaction;
import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load skeleton shared by the loaders (item metadata first, then interactions, one report) and
 * its final step: counts interactions whose item has no metadata, logs the report.
 */
final class LoadFinisher {

  static final String ITEMS_READ = "item records read";

  /** Reads an item-metadata file into the id-keyed map. */
  @FunctionalInterface
  interface ItemReader {
    /**
     * Reads {@code file}, adding items with {@link #putItem} and counting bad records in {@code
     * report}.
     */
    void read(Path file, Map<String, RawItem> items, LoadReport report);
  }

  /** Reads an interaction file into the sink. */
  @FunctionalInterface
  interface InteractionReader {
    /** Reads {@code file} into {@code sink}, counting bad records in {@code report}. */
    void read(Path file, InteractionSink sink, LoadReport report);
  }

  private LoadFinisher() {}

  /**
   * Reads the optional item file, then the interaction file, and finishes; the report is named
   * {@code reportName + " " + interaction file}.
   */
  static RawDataset load(
      String kind,
      String reportName,
      DatasetFiles files,
      ItemReader itemReader,
      InteractionReader interactionReader) {
    LoadReport report = new LoadReport(reportName + " " + files.interactions());
    Map<String, RawItem> items = new LinkedHashMap<>();
    if (files.items() != null) {
      itemReader.read(files.items(), items, report);
    }
    InteractionSink sink = new InteractionSink(report);
    interactionReader.read(files.interactions(), sink, report);
    return finish(kind, sink, items, files, report);
  }

  static RawDataset finish(
      String kind,
      InteractionSink sink,
      Map<String, RawItem> items,
      DatasetFiles files,
      LoadReport report) {
    report.set(ITEMS_READ, items.size());
    if (sink.interactions().isEmpty()) {
      report.logSummary();
      throw new DataFormatException(
          files.interactions(),
          "no usable interaction in the file (" + report.counts() + ")",
          null);
    }
    if (files.items() != null) {
      for (Interaction it : sink.interactions()) {
        if (!items.containsKey(it.itemId())) {
          report.problem(
              LoadReport.UNKNOWN_ITEM,
              it.source(),
              "item " + it.itemId() + " has no metadata record");
        }
      }
    }
    report.logSummary();
    return new RawDataset(kind, sink.interactions(), items, report);
  }

  /**
   * Adds an item unless its id was seen before (the first record wins, the duplicate is counted).
   */
  static void putItem(Map<String, RawItem> items, RawItem item, String source, LoadReport report) {
    if (items.putIfAbsent(item.rawId(), item) != null) {
      report.problem(
          LoadReport.DUPLICATE_ITEM, source, "item " + item.rawId() + " already defined");
    }
  }
}
