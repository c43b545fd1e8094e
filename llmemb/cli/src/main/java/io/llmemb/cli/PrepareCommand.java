package io.llmemb.cli;

import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.load.DatasetFormat;
import io.llmemb.data.pipeline.DatasetPipeline;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.data.prep.TailThreshold;
import io.llmemb.data.prep.TieRule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prepare}: loads a public dataset layout, preprocesses it as docs/llmemb-method.md §1 and
 * writes the prepared directory ({@code sequences.tsv}, {@code items.jsonl}, {@code
 * manifest.json}). Unset options take the format's defaults ({@link PrepConfig#defaults}).
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description =
        "Load MovieLens/Amazon/Yelp files, filter, split leave-one-out and write a prepared dataset.")
public final class PrepareCommand implements Callable<Integer> {

  @Option(
      names = "--format",
      required = true,
      converter = FormatConverter.class,
      description = "movielens | ml-1m | ml-100k | amazon2014 | amazon2018 | yelp")
  DatasetFormat format;

  @Option(
      names = "--input",
      required = true,
      split = ",",
      description =
          "Directory holding the dataset files, or the files themselves (comma-separated).")
  List<Path> inputs;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory of the prepared dataset.")
  Path out;

  @Option(names = "--name", description = "Dataset name (default: the output directory's name).")
  String name;

  @Option(
      names = "--user-core",
      description = "Drop users with fewer raw interactions (default per format).")
  Integer userCore;

  @Option(
      names = "--item-core",
      description = "Drop items with fewer raw interactions (default per format).")
  Integer itemCore;

  @Option(
      names = "--iterative-core",
      description = "Iterate the core filter to a k-core (official: one pass).")
  boolean iterative;

  @Option(
      names = "--tail-threshold",
      description = "auto (Pareto-80), auto:<fraction> or an integer.")
  String tailThreshold;

  @Option(
      names = "--tail-user-threshold",
      description = "Short-history user threshold (default per format).")
  Integer tailUserThreshold;

  @Option(names = "--tie-rule", description = "RAW_ITEM_ID (default, §9) or FILE_ORDER.")
  TieRule tieRule;

  @Override
  public Integer call() {
    DatasetFormat f = format;
    PrepConfig d =
        PrepConfig.defaults(f, name != null ? name : out.toAbsolutePath().getFileName().toString());
    PrepConfig config =
        new PrepConfig(
            d.name(),
            userCore != null ? userCore : d.userCore(),
            itemCore != null ? itemCore : d.itemCore(),
            iterative || d.iterativeCore(),
            d.minSequenceLength(),
            tailThreshold != null ? TailThreshold.parse(tailThreshold) : d.tailThreshold(),
            tailUserThreshold != null ? tailUserThreshold : d.tailUserThreshold(),
            tieRule != null ? tieRule : d.tieRule());
    PreparedDataset ds = DatasetPipeline.prepareCached(f, inputs, config, out);
    SequenceSplit s = ds.split();
    long interactions = Arrays.stream(s.train()).mapToLong(t -> t.length + 2L).sum();
    long tail = Arrays.stream(s.test()).filter(s::isTailItem).count();
    System.out.printf(
        "%s: %d users, %d items, %d interactions; tail threshold %d, %d of %d test targets in the "
            + "tail -> %s%n",
        s.name(),
        s.numUsers(),
        s.numItems(),
        interactions,
        s.tailThreshold(),
        tail,
        s.numUsers(),
        out.toAbsolutePath());
    return 0;
  }

  /** Parses {@code --format} so that an unknown name is a usage error listing the valid ones. */
  static final class FormatConverter implements CommandLine.ITypeConverter<DatasetFormat> {
    @Override
    public DatasetFormat convert(String value) {
      try {
        return DatasetFormat.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Standalone entry point until the top-level {@code llmemb} CLI wires the command in. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new PrepareCommand()).execute(args));
  }
}
