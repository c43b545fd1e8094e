package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The per-line loop every record-per-line loader shares: skip blank lines, parse the line, hand the
 * record on with its {@code file:line} source, and count a line that fails ({@link
 * IllegalArgumentException}) as {@link LoadReport#MALFORMED} instead of dropping it silently or
 * aborting the whole load.
 */
final class RecordLines {

  /** Receives one parsed record. */
  @FunctionalInterface
  interface RecordHandler<R> {
    /**
     * Handles the record parsed from line {@code lineNo}; {@code src} names it as {@code
     * file:line}.
     */
    void accept(R record, String src, long lineNo);
  }

  private RecordLines() {}

  /** Reads a header-less file (JSON lines), one record per non-blank line. */
  static <R> void forEach(
      Path file, Function<String, R> parser, LoadReport report, RecordHandler<R> handler) {
    TextLines.forEach(
        file, StandardCharsets.UTF_8, (n, line) -> record(file, n, line, parser, report, handler));
  }

  /**
   * Reads a CSV file whose line 1 is a header (given to {@code header}); every later line is split
   * into fields. A field index past the end of a short line counts as malformed like any other bad
   * value.
   */
  static void forEachCsv(
      Path file, Consumer<String> header, LoadReport report, RecordHandler<String[]> handler) {
    TextLines.forEach(
        file,
        StandardCharsets.UTF_8,
        (n, line) -> {
          if (n == 1) {
            header.accept(line);
            return;
          }
          record(
              file,
              n,
              line,
              CsvLine::split,
              report,
              (fields, src, lineNo) -> {
                try {
                  handler.accept(fields, src, lineNo);
                } catch (ArrayIndexOutOfBoundsException e) {
                  throw new IllegalArgumentException(e.getMessage(), e);
                }
              });
        });
  }

  /**
   * Copies every field of {@code rec} except the id field into a new attribute map, record order
   * kept, each value converted by {@code value(key, rawValue)}.
   */
  static Map<String, Object> attributesExcept(
      Map<String, Object> rec, String idField, BiFunction<String, Object, Object> value) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    rec.forEach(
        (k, v) -> {
          if (!k.equals(idField)) {
            attrs.put(k, value.apply(k, v));
          }
        });
    return attrs;
  }

  /**
   * The value of a required, non-blank text field, else an {@link IllegalArgumentException} naming
   * it.
   */
  static String requiredId(Map<String, Object> rec, String field) {
    String id = JsonRecords.text(rec, field);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return id;
  }

  private static <R> void record(
      Path file,
      long n,
      String line,
      Function<String, R> parser,
      LoadReport report,
      RecordHandler<R> handler) {
    if (line.isBlank()) {
      return;
    }
    String src = file.getFileName() + ":" + n;
    try {
      handler.accept(parser.apply(line), src, n);
    } catch (IllegalArgumentException e) {
      report.problem(LoadReport.MALFORMED, src, String.valueOf(e.getMessage()));
    }
  }
}
