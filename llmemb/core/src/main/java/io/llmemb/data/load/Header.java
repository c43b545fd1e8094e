package io.llmemb.data.load;

import io.llmemb.data.DataFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Column positions resolved from a CSV header line; a missing required column makes the file
 * unusable.
 */
public final class Header {

  private final Path file;
  private final List<String> names;

  private Header(Path file, List<String> names) {
    this.file = file;
    this.names = names;
  }

  /** Parses line 1 of {@code file}. */
  public static Header parse(Path file, String line) {
    String[] fields = CsvLine.split(line.startsWith("\uFEFF") ? line.substring(1) : line);
    return new Header(file, Arrays.stream(fields).map(String::trim).toList());
  }

  /**
   * Index of column {@code name}; throws {@link DataFormatException} naming the file when absent.
   */
  public int require(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new DataFormatException(
          file, 1, "missing header column '" + name + "' (header is " + names + ")");
    }
    return i;
  }

  /** Number of columns. */
  public int size() {
    return names.size();
  }
}
