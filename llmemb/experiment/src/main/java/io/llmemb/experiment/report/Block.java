package io.llmemb.experiment.report;

import java.util.List;

/**
 * One block of a report document. The report is built once as blocks and rendered twice ({@link
 * MarkdownRenderer}, {@link HtmlRenderer}) so the two outputs cannot drift apart.
 */
public sealed interface Block {

  /** A section heading of the given level (1 = title). */
  record Heading(int level, String text) implements Block {
    /** Validates the level. */
    public Heading {
      if (level < 1 || level > 6) {
        throw new IllegalArgumentException("heading level must be 1..6, got " + level);
      }
    }
  }

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /** A table whose every row has as many cells as the header. */
  record Table(List<String> header, List<List<String>> rows) implements Block {
    /** Validates the row widths and copies the lists. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).size() != header.size()) {
          throw new IllegalArgumentException(
              "table row "
                  + i
                  + " has "
                  + rows.get(i).size()
                  + " cells, header has "
                  + header.size());
        }
      }
    }
  }

  /** An image stored next to the report, referenced by a relative path. */
  record Image(String relativePath, String caption) implements Block {}
}
