package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Amazon review dumps, 2014 ({@code reviews_*.json.gz} + {@code meta_*.json.gz}, meta lines are Python dict
 * literals) and 2018 ({@code *.json.gz} / {@code *_5.json.gz} + {@code meta_*.json.gz}, strict JSON).
 *
 * <p>Each review gives (reviewerID, asin, unixReviewTime, overall), as data_process.py:L38-68 extracts it. Every
 * meta field except {@code asin} becomes an attribute in record order (the prompt builder drops the §2 fields).
 */
public final class AmazonLoader implements DatasetLoader {

  private static final String USER = "reviewerID";
  private static final String ITEM = "asin";
  private static final String TIME = "unixReviewTime";
  private static final String RATING = "overall";

  private final String edition;

  /** A loader for the given dump edition ("2014" or "2018"), used in reports. */
  public AmazonLoader(String edition) {
    this.edition = edition;
  }

  @Override
  public RawDataset load(DatasetFiles files) {
    LoadReport report = new LoadReport("amazon" + edition + " " + files.interactions());
    Map<String, RawItem> items = new LinkedHashMap<>();
    if (files.items() != null) {
      readMeta(files.items(), items, report);
    }
    InteractionSink sink = new InteractionSink(report);
    readReviews(files.interactions(), sink, report);
    return LoadFinisher.finish("amazon", sink, items, files, report);
  }

  private static void readReviews(Path file, InteractionSink sink, LoadReport report) {
    String name = file.getFileName().toString();
    TextLines.forEach(file, StandardCharsets.UTF_8, (n, line) -> {
      if (line.isBlank()) {
        return;
      }
      String src = file.getFileName() + ":" + n;
      try {
        Map<String, Object> rec = JsonRecords.parseJson(line);
        String time = JsonRecords.text(rec, TIME);
        if (time == null) {
          throw new IllegalArgumentException("missing " + TIME);
        }
        String rating = JsonRecords.text(rec, RATING);
        sink.accept(JsonRecords.text(rec, USER), JsonRecords.text(rec, ITEM), Long.parseLong(time),
            rating == null ? null : Double.valueOf(rating), name, n);
      } catch (IllegalArgumentException e) {
        report.problem(LoadReport.MALFORMED, src, e.getMessage());
      }
    });
  }

  private static void readMeta(Path file, Map<String, RawItem> items, LoadReport report) {
    TextLines.forEach(file, StandardCharsets.UTF_8, (n, line) -> {
      if (line.isBlank()) {
        return;
      }
      String src = file.getFileName() + ":" + n;
      try {
        Map<String, Object> rec = JsonRecords.parse(line);
        String asin = JsonRecords.text(rec, ITEM);
        if (asin == null || asin.isBlank()) {
          throw new IllegalArgumentException("missing " + ITEM);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        rec.forEach((k, v) -> {
          if (!k.equals(ITEM)) {
            attrs.put(k, JsonRecords.attribute(v));
          }
        });
        LoadFinisher.putItem(items, new RawItem(asin, attrs), src, report);
      } catch (IllegalArgumentException e) {
        report.problem(LoadReport.MALFORMED, src, e.getMessage());
      }
    });
  }
}
