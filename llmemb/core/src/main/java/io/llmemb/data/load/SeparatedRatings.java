package io.llmemb.data.load;

import io.llmemb.data.LoadReport;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads header-less {@code user SEP item SEP rating SEP timestamp} lines (ml-1m {@code ::}, ml-100k
 * tab).
 */
final class SeparatedRatings {

  private static final int FIELDS = 4;

  private SeparatedRatings() {}

  static void read(
      Path file, Charset charset, String separator, InteractionSink sink, LoadReport report) {
    Pattern sep = Pattern.compile(Pattern.quote(separator));
    String name = file.getFileName().toString();
    TextLines.forEach(
        file,
        charset,
        (n, line) -> {
          if (line.isBlank()) {
            return;
          }
          String src = file.getFileName() + ":" + n;
          String[] f = sep.split(line.strip(), -1);
          if (f.length != FIELDS) {
            report.problem(
                LoadReport.MALFORMED,
                src,
                "expected "
                    + FIELDS
                    + " fields separated by '"
                    + separator
                    + "', found "
                    + f.length);
            return;
          }
          try {
            sink.accept(
                f[0], f[1], Long.parseLong(f[3].trim()), Double.parseDouble(f[2].trim()), name, n);
          } catch (NumberFormatException e) {
            report.problem(LoadReport.MALFORMED, src, "bad number: " + e.getMessage());
          }
        });
  }
}
