package io.llmemb.experiment.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir static Path tmp;
  private static ReportSummary summary;

  @BeforeAll
  static void writeOnce() throws IOException {
    System.setProperty("java.awt.headless", "true");
    summary = ReportWriter.write(tmp.resolve("a"), "LLMEmb report", Runs.FACTS, Runs.sample());
  }

  @Test
  void markdownHasOneTableOfTheRightShapePerProtocol() throws IOException {
    List<String> lines = Files.readAllLines(summary.markdown());
    int sampledHeader =
        lines.indexOf(
            "| Backbone | Variant | Encoder | Overall H@10 | Overall N@10 | Tail H@10 "
                + "| Tail N@10 | Seeds |");
    assertTrue(sampledHeader > 0, "sampled-100 header missing");
    assertEquals("|---|---|---|---|---|---|---|---|", lines.get(sampledHeader + 1));
    assertEquals(
        "| SASRec | None | - | 0.6000 ± 0.1000 | 0.3000 ± 0.0000 | 0.2000 ± 0.1000 | 0.0500 ± 0.0000 | 3 |",
        lines.get(sampledHeader + 3));
    assertTrue(lines.contains("| SASRec | LLMEmb | minilm | +10.0% | -10.0% | ×3.00 | ×2.00 |"));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("| Backbone") && l.contains("Cold H@10")),
        "full has cold");
    assertEquals(Map.of("sampled-100", 0, "full", 1), summary.missingCellsByProtocol());
    String md = Files.readString(summary.markdown());
    assertTrue(
        md.indexOf("## Protocol: sampled-100") < md.indexOf("## Protocol: full"),
        "known protocol order");
    assertTrue(md.contains("sample standard deviation (divisor n − 1)"));
    assertTrue(
        md.contains(
            "Tail items have fewer than 36 distinct users; 313 test cases have a tail target."));
  }

  @Test
  void plotsAreDecodablePngsOfFullSize() throws IOException {
    // overall-vs-tail per protocol (2), popularity per protocol × backbone (3), curves per backbone
    // (2)
    assertEquals(7, summary.plots().size(), summary.plots().toString());
    for (Path png : summary.plots()) {
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, "not a decodable image: " + png);
      assertEquals(ReportPlots.WIDTH, img.getWidth());
      assertEquals(ReportPlots.HEIGHT, img.getHeight());
      assertTrue(Files.size(png) > 5_000, "suspiciously small plot " + png);
    }
  }

  @Test
  void htmlIsSelfContainedAndEveryImageExists() throws IOException {
    String html = Files.readString(summary.html());
    assertTrue(
        html.contains("<style>") && !html.contains("<link"), "inline CSS, no external stylesheet");
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      Path target = summary.html().getParent().resolve(m.group(1));
      assertTrue(Files.isRegularFile(target), "dangling image " + m.group(1));
      assertTrue(!Path.of(m.group(1)).isAbsolute(), "image path must be relative");
      images++;
    }
    assertEquals(summary.plots().size(), images);
    assertTrue(html.contains("<td>0.6000 ± 0.1000</td>"));
  }

  @Test
  void jsonHoldsEveryRunAndOutputIsDeterministic() throws IOException {
    JsonNode root = ReportJson.MAPPER.readTree(summary.json().toFile());
    assertEquals(Runs.sample().size(), root.get("runs").size());
    assertEquals(313, root.get("dataset").get("tailTestCases").asInt());
    JsonNode first = root.get("runs").get(0);
    assertEquals("full", first.get("protocol").asText(), "runs sorted by protocol");
    List<RunResult> shuffled = new java.util.ArrayList<>(Runs.sample());
    java.util.Collections.reverse(shuffled);
    ReportSummary again =
        ReportWriter.write(tmp.resolve("b"), "LLMEmb report", Runs.FACTS, shuffled);
    assertArrayEquals(Files.readAllBytes(summary.markdown()), Files.readAllBytes(again.markdown()));
    assertArrayEquals(Files.readAllBytes(summary.html()), Files.readAllBytes(again.html()));
    assertArrayEquals(Files.readAllBytes(summary.json()), Files.readAllBytes(again.json()));
  }

  @Test
  void resultsJsonReadsBackIntoTheSameRuns() throws IOException {
    ReportData data = ReportJson.read(summary.json());
    assertEquals(Runs.FACTS, data.dataset());
    assertEquals(Runs.sample().stream().sorted(ReportJson.RUN_ORDER).toList(), data.runs());
  }
}
