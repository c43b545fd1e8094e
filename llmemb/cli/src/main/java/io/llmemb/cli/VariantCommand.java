package io.llmemb.cli;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.PreparedDataset;
import io.llmemb.eval.EvalResult;
import io.llmemb.training.TestEvaluation;
import io.llmemb.variant.TrainedVariant;
import io.llmemb.variant.Variant;
import io.llmemb.variant.VariantInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code train}, {@code rat} and {@code fuse} share once each has read its inputs: train the
 * variant into {@code --out}, evaluate the test cases and print / write the result table, and
 * release a bundle on request.
 */
final class VariantCommand {

  private VariantCommand() {}

  /**
   * @param description run description written to {@code results.json} beside the training facts
   * @param encoderId text encoder of the LLM table, or {@code ReleaseInfo.NO_TEXT}
   * @param promptVersion prompt version of the LLM table, or {@code ReleaseInfo.NO_TEXT}
   * @return the exit code
   */
  static int run(
      Variant variant,
      VariantInputs inputs,
      RunOptions run,
      PreparedDataset dataset,
      Path out,
      Map<String, Object> description,
      String encoderId,
      String promptVersion)
      throws IOException {
    Files.createDirectories(out);
    try (NDManager manager = NDManager.newBaseManager(run.engine().config().apply())) {
      TrainedVariant trained = variant.train(inputs, manager, out);
      Map<String, EvalResult> results =
          TestReport.report(
              trained.model(),
              trained.result(),
              inputs.split(),
              run,
              description,
              out,
              inputs.cold());
      run.bundle()
          .write(
              trained.model(),
              run.data(),
              dataset,
              TestEvaluation.bundleMetrics(trained.model().name(), results, trained.result()),
              variant.describe(inputs),
              encoderId,
              promptVersion);
    }
    return 0;
  }
}
