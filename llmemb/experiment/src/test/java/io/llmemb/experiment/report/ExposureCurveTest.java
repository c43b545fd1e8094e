package io.llmemb.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.eval.EvalProtocol;
import io.llmemb.eval.EvalResult;
import io.llmemb.eval.ExposurePolicy;
import io.llmemb.eval.GroupMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposureCurveTest {

  @TempDir Path tmp;

  private static EvalResult result(EvalProtocol p, double overall, double cold) {
    GroupMetrics all = new GroupMetrics(100, overall, overall / 2);
    return new EvalResult(
        p,
        all,
        new GroupMetrics(40, overall / 4, overall / 10),
        new GroupMetrics(60, overall, overall / 2),
        new GroupMetrics(10, overall, overall / 2),
        new GroupMetrics(90, overall, overall / 2),
        new GroupMetrics(8, cold, cold / 2));
  }

  private static ExposureCurve curve() {
    EvalProtocol full = EvalProtocol.full(1);
    EvalProtocol sampled = EvalProtocol.sampled(1);
    return new ExposureCurve(
        "sasrec / fused",
        List.of(
            new ExposureCurve.Point(ExposurePolicy.NONE, result(full, 0.08, 0.0)),
            new ExposureCurve.Point(ExposurePolicy.slots(1), result(full, 0.09, 0.125)),
            new ExposureCurve.Point(new ExposurePolicy(0, 0, 0.5f), result(full, 0.07, 0.25)),
            new ExposureCurve.Point(ExposurePolicy.NONE, result(sampled, 0.5, 0.5)),
            new ExposureCurve.Point(ExposurePolicy.slots(1), result(sampled, 0.5, 0.75))));
  }

  @Test
  void tableHasOneRowPerPointAndTheChangeAgainstThePlainRankingOfItsProtocol() {
    List<String> lines = curve().markdown().lines().toList();
    assertEquals(
        "| ranking | policy | overall HR@10 | overall NDCG@10 | tail HR@10 | tail NDCG@10 | cold HR@10 "
            + "| cold NDCG@10 | Δ overall HR@10 | Δ cold HR@10 |",
        lines.get(0));
    assertEquals(
        "| full | none | 0.0800 | 0.0400 | 0.0200 | 0.0080 | 0.0000 | 0.0000 | +0.0000 | +0.0000 |",
        lines.get(2));
    assertEquals(
        "| full | slots 1 | 0.0900 | 0.0450 | 0.0225 | 0.0090 | 0.1250 | 0.0625 | +0.0100 | +0.1250 |",
        lines.get(3));
    assertTrue(lines.get(4).startsWith("| full | bonus 0.5 |"), lines.get(4));
    assertTrue(lines.get(4).endsWith("| -0.0100 | +0.2500 |"), lines.get(4));
    assertTrue(lines.get(6).endsWith("| +0.0000 | +0.2500 |"), lines.get(6));
    assertTrue(lines.contains("100 test cases, 40 with a tail target, 8 with a cold target."));
  }

  @Test
  void writesTheTableTheJsonAndTwoPlotsPerRanking() throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<Block.Image> images = curve().write(tmp);
    assertEquals(
        List.of(
            "exposure-full.png",
            "exposure-full-knob.png",
            "exposure-sampled.png",
            "exposure-sampled-knob.png"),
        images.stream().map(Block.Image::relativePath).toList());
    for (Block.Image image : images) {
      BufferedImage png = ImageIO.read(tmp.resolve(image.relativePath()).toFile());
      assertEquals(ReportPlots.WIDTH, png.getWidth());
      assertEquals(ReportPlots.HEIGHT, png.getHeight());
    }
    assertTrue(
        Files.readString(tmp.resolve(ExposureCurve.MARKDOWN)).contains("| full | slots 1 |"));
    assertTrue(Files.readString(tmp.resolve(ExposureCurve.JSON_FILE)).contains("\"slots\" : 1"));
  }
}
