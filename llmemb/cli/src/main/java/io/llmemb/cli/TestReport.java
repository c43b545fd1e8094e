package io.llmemb.cli;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import io.llmemb.eval.EvalResult;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.training.TestEvaluation;
import io.llmemb.training.TrainResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How every training command ends: the test-split evaluation printed as a table and written beside
 * the model.
 */
final class TestReport {

  private TestReport() {}

  /**
   * Ends a training command: evaluates the trained model on the test cases, prints the best epoch
   * and the result table, and writes {@code results.json}/{@code results.md} into {@code out} with
   * the training curve.
   *
   * @param run the command's shared options
   * @param extra run description for {@code results.json}; the training facts are added to a copy
   * @return the results, keyed as {@link TestEvaluation#run}
   */
  public static Map<String, EvalResult> report(
      SequentialRecommender model,
      TrainResult result,
      SequenceSplit split,
      RunOptions run,
      Map<String, Object> extra,
      java.nio.file.Path out)
      throws java.io.IOException {
    return report(model, result, split, run, extra, out, ColdItems.none());
  }

  /**
   * Same, with the cold-item group of the cold-item protocol ({@code split} after {@link
   * ColdItems#apply}).
   */
  public static Map<String, EvalResult> report(
      SequentialRecommender model,
      TrainResult result,
      SequenceSplit split,
      RunOptions run,
      Map<String, Object> extra,
      java.nio.file.Path out,
      ColdItems cold)
      throws java.io.IOException {
    long seed = run.engine().seed();
    Map<String, EvalResult> results =
        TestEvaluation.run(
            model,
            split,
            run.protocol().protocols(seed),
            seed,
            !run.training().noBaselines(),
            cold);
    Map<String, Object> all = new LinkedHashMap<>(extra);
    all.put("objective", model.objectiveName());
    String validation = run.training().config(seed).validation().label();
    all.put("validation", validation);
    all.put("bestEpoch", result.bestEpoch());
    all.put("stoppedBy", result.stoppedBy());
    all.put("stoppedAtEpoch", result.stoppedAtEpoch());
    all.put("stopDetail", result.stopDetail());
    all.put("meanEpochSeconds", result.meanEpochSeconds());
    all.put("curve", result.curve());
    System.out.printf(
        Locale.ROOT,
        "best epoch %d (valid NDCG@10 %.4f, %s ranking), %.2f s/epoch, stopped by %s at epoch %d%n",
        result.bestEpoch(),
        result.bestValidNdcg(),
        validation,
        result.meanEpochSeconds(),
        result.stoppedBy(),
        result.stoppedAtEpoch());
    if (result.diverged()) {
      System.out.printf(
          Locale.ROOT,
          "WARNING: training DIVERGED (%s); the numbers below are those of epoch %d, "
              + "the best before it%n",
          result.stopDetail(),
          result.bestEpoch());
    }
    System.out.print(ResultTableWriter.write(results, all, out));
    return results;
  }
}
