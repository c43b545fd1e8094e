package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import io.llmemb.data.RawDataset;
import io.llmemb.data.RawItem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Yelp academic dataset: {@code review.json} (user_id, business_id, stars, date) and {@code
 * business.json}, JSON lines.
 *
 * <p>Following data_process.py:L137-153 and L420-423 (docs/llmemb-method.md §1), the date string
 * {@code 2019-12-13 15:51:19} becomes the number 20191213155119 and only reviews dated 2000-01-01
 * to 2019-12-31 are kept. A comma-separated {@code categories} string (2019+ dumps) is split on ","
 * (the port rule of §2).
 */
public final class YelpLoader implements DatasetLoader {

  /** First kept day and last kept day, inclusive, as yyyyMMdd. */
  public static final long FIRST_DAY = 20000101L;

  public static final long LAST_DAY = 20191231L;

  private static final long DAY_FACTOR = 1_000_000L;
  private static final int DATE_DIGITS = 14;
  private static final String CATEGORIES = "categories";
  private static final String ID = "business_id";

  @Override
  public RawDataset load(DatasetFiles files) {
    return LoadFinisher.load(
        "yelp", "yelp", files, YelpLoader::readBusinesses, YelpLoader::readReviews);
  }

  /** {@code 2019-12-13 15:51:19} to 20191213155119; a date-only string gets 000000 as time. */
  public static long dateNumber(String date) {
    String digits = date.replaceAll("[^0-9]", "");
    if (digits.length() == DATE_DIGITS - 6) {
      digits = digits + "000000";
    }
    if (digits.length() != DATE_DIGITS) {
      throw new IllegalArgumentException("bad date '" + date + "'");
    }
    return Long.parseLong(digits);
  }

  private static void readReviews(Path file, InteractionSink sink, LoadReport report) {
    String name = file.getFileName().toString();
    RecordLines.forEach(
        file,
        JsonRecords::parseJson,
        report,
        (rec, src, n) -> {
          String date = JsonRecords.text(rec, "date");
          if (date == null) {
            throw new IllegalArgumentException("missing date");
          }
          long time = dateNumber(date);
          long day = time / DAY_FACTOR;
          if (day < FIRST_DAY || day > LAST_DAY) {
            report.problem(LoadReport.OUT_OF_RANGE, src, "date " + date);
            return;
          }
          String stars = JsonRecords.text(rec, "stars");
          sink.accept(
              JsonRecords.text(rec, "user_id"),
              JsonRecords.text(rec, ID),
              time,
              stars == null ? null : Double.valueOf(stars),
              name,
              n);
        });
  }

  private static void readBusinesses(Path file, Map<String, RawItem> items, LoadReport report) {
    RecordLines.forEach(
        file,
        JsonRecords::parseJson,
        report,
        (rec, src, n) -> {
          String id = RecordLines.requiredId(rec, ID);
          Map<String, Object> attrs =
              RecordLines.attributesExcept(
                  rec,
                  ID,
                  (k, v) ->
                      k.equals(CATEGORIES) && v instanceof String s
                          ? splitCategories(s)
                          : JsonRecords.attribute(v));
          LoadFinisher.putItem(items, new RawItem(id, attrs), src, report);
        });
  }

  private static List<String> splitCategories(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
  }
}
