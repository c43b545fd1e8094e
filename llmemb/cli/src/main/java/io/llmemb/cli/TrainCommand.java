package io.llmemb.cli;

import io.llmemb.bundle.ReleaseInfo;
import io.llmemb.data.ColdItems;
import io.llmemb.data.PreparedDataset;
import io.llmemb.srs.Gru4Rec;
import io.llmemb.variant.PlainVariant;
import io.llmemb.variant.VariantInputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a plain (ID-embedding) backbone on a prepared dataset with early stopping,
 * keeps the best weights in {@code --out}, then evaluates the test cases under the requested
 * protocols (and, unless {@code --no-baselines}, popularity and random for comparison); {@code
 * --bundle} also releases it for serving.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train SASRec / GRU4Rec / Bert4Rec on a prepared dataset and evaluate on the test cases.")
public final class TrainCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      required = true,
      description = "Model directory: weights, model.json, results.")
  Path out;

  @Option(
      names = "--item-init-std",
      description =
          "Std of the ID table's normal init; 0 = Xavier-normal (default: the backbone's, "
              + "Xavier except gru4rec "
              + Gru4Rec.DEFAULT_ITEM_INIT_STD
              + ").")
  Float itemInitStd;

  @Mixin RunOptions run;

  @Mixin ColdItemOptions coldOptions;

  @Override
  public Integer call() throws Exception {
    PreparedDataset dataset = run.dataset();
    ColdItems cold = coldOptions.select(dataset.split().numItems(), run.engine().seed());
    VariantInputs inputs =
        run.inputs(
            dataset, cold, itemInitStd, Optional.empty(), Optional.empty(), Optional.empty());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("model", PlainVariant.manifest(inputs));
    description.put("train", inputs.train());
    description.put("coldItems", cold.size());
    return VariantCommand.run(
        new PlainVariant(),
        inputs,
        run,
        dataset,
        out,
        description,
        ReleaseInfo.NO_TEXT,
        ReleaseInfo.NO_TEXT);
  }
}
