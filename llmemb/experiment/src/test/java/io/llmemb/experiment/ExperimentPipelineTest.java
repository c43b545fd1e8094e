package io.llmemb.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.data.MlSubset;
import io.llmemb.eval.EvalProtocol;
import io.llmemb.experiment.report.RunResult;
import io.llmemb.llm.bert.EncoderSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage cache on the real ml-subset fixture: a rerun does no work, a changed option reruns
 * exactly its stages.
 */
class ExperimentPipelineTest {

  @TempDir Path tmp;

  private ExperimentConfig config(List<EvalProtocol.Ranking> rankings, int epochs) {
    List<EvalProtocol> protocols =
        rankings.stream().map(r -> new EvalProtocol(r, 100, 10, 0, 0, 0)).toList();
    return new ExperimentConfig(
        List.of("sasrec"),
        List.of(42L),
        protocols,
        List.of(Variants.NONE),
        List.of(),
        EncoderSpec.MINILM,
        Profile.quick().withEpochs(epochs),
        "cpu",
        2,
        0);
  }

  private ExperimentPipeline.Outcome run(ExperimentConfig c) throws Exception {
    return new ExperimentPipeline(
            c, new DataSource.MovieLens(MlSubset.dir()), tmp.resolve("work"), false)
        .run(tmp.resolve("report"));
  }

  @Test
  void rerunsOnlyTheStagesWhoseInputsChanged() throws Exception {
    List<EvalProtocol.Ranking> sampled = List.of(EvalProtocol.Ranking.SAMPLED);
    ExperimentPipeline.Outcome first = run(config(sampled, 2));
    assertEquals(List.of("prepare", "plain", "evaluate"), stages(first));
    assertEquals(1, first.runs().size());
    RunResult r = first.runs().get(0);
    assertEquals("SASRec", r.backbone());
    assertEquals("sampled-100", r.protocol());
    assertTrue(r.metric("overall.hr@10") > 0.0, "a trained SASRec hits some test targets");
    assertEquals(2, r.curve().size(), "two epochs in the curve");
    assertTrue(!r.hrByPopularityBucket().isEmpty());

    ExperimentPipeline.Outcome again = run(config(sampled, 2));
    assertEquals(List.of(), again.executed(), "nothing recomputed");
    assertEquals(first.runs(), again.runs());

    ExperimentPipeline.Outcome moreRankings =
        run(config(List.of(EvalProtocol.Ranking.SAMPLED, EvalProtocol.Ranking.FULL), 2));
    assertEquals(List.of("evaluate"), stages(moreRankings), "a new protocol only re-evaluates");
    assertEquals(2, moreRankings.runs().size());

    ExperimentPipeline.Outcome fewerEpochs = run(config(sampled, 1));
    assertEquals(
        List.of("plain", "evaluate"),
        stages(fewerEpochs),
        "a training option retrains, data is kept");
    assertEquals(0, fewerEpochs.report().missingCells());
    assertTrue(java.nio.file.Files.exists(fewerEpochs.report().markdown()));
  }

  private static List<String> stages(ExperimentPipeline.Outcome o) {
    return o.executed().stream().map(s -> s.substring(0, s.indexOf(':'))).toList();
  }
}
