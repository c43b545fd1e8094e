package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.file.Path;
import java.util.Map;

/**
 * Amazon review dumps, 2014 ({@code reviews_*.json.gz} + {@code meta_*.json.gz}, meta lines are
 * Python dict literals) and 2018 ({@code *.json.gz} / {@code *_5.json.gz} + {@code meta_*.json.gz},
 * strict JSON).
 *
 * <p>Each review gives (reviewerID, asin, unixReviewTime, overall), as data_process.py:L38-68
 * extracts it. Every meta field except {@code asin} becomes an attribute in record order (the
 * prompt builder drops the §2 fields).
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
    return LoadFinisher.load(
        "amazon", "amazon" + edition, files, AmazonLoader::readMeta, AmazonLoader::readReviews);
  }

  private static void readReviews(Path file, InteractionSink sink, LoadReport report) {
    String name = file.getFileName().toString();
    RecordLines.forEach(
        file,
        JsonRecords::parseJson,
        report,
        (rec, src, n) -> {
          String time = JsonRecords.text(rec, TIME);
          if (time == null) {
            throw new IllegalArgumentException("missing " + TIME);
          }
          String rating = JsonRecords.text(rec, RATING);
          sink.accept(
              JsonRecords.text(rec, USER),
              JsonRecords.text(rec, ITEM),
              Long.parseLong(time),
              rating == null ? null : Double.valueOf(rating),
              name,
              n);
        });
  }

  private static void readMeta(Path file, Map<String, RawItem> items, LoadReport report) {
    // 2014 meta lines are Python dict literals, 2018 ones strict JSON: JsonRecords.parse takes both
    RecordLines.forEach(
        file,
        JsonRecords::parse,
        report,
        (rec, src, n) -> {
          String asin = RecordLines.requiredId(rec, ITEM);
          Map<String, Object> attrs =
              RecordLines.attributesExcept(rec, ITEM, (k, v) -> JsonRecords.attribute(v));
          LoadFinisher.putItem(items, new RawItem(asin, attrs), src, report);
        });
  }
}
