package io.llmemb.cli;

import io.llmemb.eval.EvalProtocol;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Evaluation-protocol options (picocli mixin); see {@link EvalProtocol}. */
public final class ProtocolOptions {

  @Option(
      names = "--ranking",
      split = ",",
      defaultValue = "sampled,full",
      description = "sampled | full, or both comma-separated (default: ${DEFAULT-VALUE}).")
  List<EvalProtocol.Ranking> rankings;

  @Option(
      names = "--negatives",
      defaultValue = "100",
      description = "Sampled negatives (default: ${DEFAULT-VALUE}).")
  int negatives;

  @Option(
      names = "--k",
      defaultValue = "10",
      description = "Cut-off of HR@k / NDCG@k (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--tail-item-threshold",
      defaultValue = "0",
      description = "Tail items have popularity below this; 0 = the dataset's (default).")
  int tailItemThreshold;

  @Option(
      names = "--tail-user-threshold",
      defaultValue = "0",
      description = "Tail users have fewer input items than this; 0 = the dataset's (default).")
  int tailUserThreshold;

  /** One protocol per requested ranking. */
  public List<EvalProtocol> protocols(long seed) {
    List<EvalProtocol> out = new ArrayList<>();
    for (EvalProtocol.Ranking r : rankings) {
      out.add(new EvalProtocol(r, negatives, k, tailItemThreshold, tailUserThreshold, seed));
    }
    return out;
  }
}
