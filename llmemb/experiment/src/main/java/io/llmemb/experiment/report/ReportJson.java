package io.llmemb.experiment.report;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code results.json}: the dataset facts and every raw run, with sorted keys so two reports
 * diff cleanly.
 */
public final class ReportJson {

  /** Sorted properties and map keys, indented: byte-identical output for identical input. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** Runs in report order: protocol, row, seed. */
  static final Comparator<RunResult> RUN_ORDER =
      Comparator.comparing(RunResult::protocol)
          .thenComparing(RowKey::of)
          .thenComparingLong(RunResult::seed);

  private ReportJson() {}

  /** Writes the facts and runs to {@code file}. */
  public static void write(Path file, DatasetFacts facts, List<RunResult> runs) throws IOException {
    MAPPER.writeValue(
        file.toFile(), new ReportData(facts, runs.stream().sorted(RUN_ORDER).toList()));
  }

  /**
   * Reads a {@code results.json} back; a bad record fails with Jackson's message naming the path to
   * the field.
   */
  public static ReportData read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), ReportData.class);
  }
}
