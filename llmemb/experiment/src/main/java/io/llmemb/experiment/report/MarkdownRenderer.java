package io.llmemb.experiment.report;

import java.util.List;

/** Renders report {@link Block}s as GitHub-flavoured Markdown. */
public final class MarkdownRenderer {

  private MarkdownRenderer() {}

  /** The whole document, blocks separated by a blank line, ending with a newline. */
  public static String render(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (block instanceof Block.Heading h) {
        out.append("#".repeat(h.level())).append(' ').append(h.text()).append('\n');
      } else if (block instanceof Block.Paragraph p) {
        out.append(p.text()).append('\n');
      } else if (block instanceof Block.Table t) {
        table(t, out);
      } else if (block instanceof Block.Image i) {
        out.append("![").append(i.caption()).append("](").append(i.relativePath()).append(")\n");
      }
    }
    return out.toString();
  }

  private static void table(Block.Table t, StringBuilder out) {
    row(t.header(), out);
    out.append('|');
    t.header().forEach(h -> out.append("---|"));
    out.append('\n');
    t.rows().forEach(r -> row(r, out));
  }

  private static void row(List<String> cells, StringBuilder out) {
    out.append('|');
    // A literal "|" inside a cell would split it into two columns.
    cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }
}
