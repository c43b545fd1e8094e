package io.llmemb.data.load;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;

/**
 * Splits one RFC-4180 CSV line (MovieLens {@code ratings.csv}/{@code movies.csv}: titles with
 * commas are quoted).
 *
 * <p>Lines are parsed one at a time so that a bad row is counted with its line number and the rest
 * of the file is still read. Lines without a quote take a plain split (ratings files have none);
 * quoted lines go through Jackson's CSV parser.
 */
public final class CsvLine {

  /** Without a schema Jackson exposes each CSV row as a JSON array. */
  private static final ObjectReader READER = new CsvMapper().readerFor(String[].class);

  private CsvLine() {}

  /** The fields of {@code line}; throws {@link IllegalArgumentException} on broken quoting. */
  public static String[] split(String line) {
    if (line.indexOf('"') < 0) {
      return line.split(",", -1);
    }
    try {
      String[] fields = READER.readValue(line);
      if (fields == null) {
        throw new IllegalArgumentException("empty CSV line");
      }
      return fields;
    } catch (IOException e) {
      throw new IllegalArgumentException("bad CSV quoting: " + e.getMessage(), e);
    }
  }
}
