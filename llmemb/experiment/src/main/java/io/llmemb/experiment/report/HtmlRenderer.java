package io.llmemb.experiment.report;

import java.util.List;

/**
 * Renders report {@link Block}s as one self-contained HTML page (inline CSS, images by relative
 * path).
 */
public final class HtmlRenderer {

  private static final String CSS =
      String.join(
          "\n",
          "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}",
          "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}",
          "th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}",
          "th{background:#eee}td:nth-child(-n+3){text-align:left}",
          "figure{margin:1em 0}img{max-width:100%}figcaption{color:#555;font-size:0.9em}");

  private HtmlRenderer() {}

  /** The whole page with the given title. */
  public static String render(String title, List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("\n</style>\n</head>\n<body>\n");
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        out.append("<h")
            .append(h.level())
            .append('>')
            .append(escape(h.text()))
            .append("</h")
            .append(h.level())
            .append(">\n");
      } else if (block instanceof Block.Paragraph p) {
        out.append("<p>").append(escape(p.text())).append("</p>\n");
      } else if (block instanceof Block.Table t) {
        table(t, out);
      } else if (block instanceof Block.Image i) {
        out.append("<figure><img src=\"")
            .append(escape(i.relativePath()))
            .append("\" alt=\"")
            .append(escape(i.caption()))
            .append("\"><figcaption>")
            .append(escape(i.caption()))
            .append("</figcaption></figure>\n");
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static void table(Block.Table t, StringBuilder out) {
    out.append("<table>\n<tr>");
    t.header().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr>\n");
    for (List<String> row : t.rows()) {
      out.append("<tr>");
      row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  /** Escapes the five HTML-special characters. */
  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
