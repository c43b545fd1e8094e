package io.llmemb.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.LightMovieLens;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.experiment.report.RowKey;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.llm.bert.EncoderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ablation of the paper runs as its own row; "w/o SCFT" reads embeddings of the raw encoder.
 */
class AblationsTest {

  @TempDir Path tmp;

  @Test
  void everyAblationIsARowAndNoScftUsesRawEmbeddings() throws Exception {
    ExperimentConfig config =
        new ExperimentConfig(
            List.of("sasrec"),
            List.of(42L),
            List.of(new EvalProtocol(EvalProtocol.Ranking.SAMPLED, 100, 10, 0, 0, 0)),
            List.of(Variants.NONE, Variants.LLMEMB),
            Arrays.asList(Ablation.values()),
            EncoderSpec.MINILM,
            Profile.quick().withEpochs(2),
            "cpu",
            2,
            0);
    Path work = tmp.resolve("work");
    ExperimentPipeline.Outcome o =
        new ExperimentPipeline(
                config,
                new DataSource.MovieLens(LightMovieLens.write(tmp.resolve("ml-light"))),
                work,
                false)
            .run(tmp.resolve("report"));
    Set<String> variants =
        o.runs().stream().map(RunResult::variant).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of("None", "LLMEmb", "w/o SCFT", "w/o adapter", "w/o freeze", "w/o align")),
        variants);
    assertEquals(0, o.report().missingCells());
    try (Stream<Path> embeds = Files.list(work.resolve(ExperimentPipeline.EMBED))) {
      assertEquals(2, embeds.count(), "SCFT and raw embeddings");
    }
    Map<String, Double> tail =
        o.runs().stream()
            .collect(Collectors.toMap(RunResult::variant, r -> r.metric("overall.hr@10")));
    assertNotEquals(
        tail.get("LLMEmb"), tail.get("w/o adapter"), "a different model, not a relabelled copy");
    assertTrue(
        o.runs().stream()
            .map(RowKey::of)
            .filter(r -> r.variant().startsWith("w/o"))
            .allMatch(r -> r.encoder().equals("minilm")));
  }
}
