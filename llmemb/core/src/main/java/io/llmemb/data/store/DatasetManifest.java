package io.llmemb.data.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmemb.data.prep.PrepConfig;
import io.llmemb.files.Provenance;
import io.llmemb.files.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a prepared-dataset directory: what went in (inputs with sha256, the
 * config), what came out (file checksums, counts). {@link #cacheKey()} lets a stage reuse a
 * directory only for the same inputs and config.
 *
 * @param layout layout version of the directory, {@value #LAYOUT_PREFIX}{@code <format version>}
 * @param name dataset name
 * @param kind item catalog kind
 * @param format input format ({@code --format})
 * @param config preprocessing config, {@link PrepConfig#describe()}
 * @param inputs input files with their hashes
 * @param files output file name to sha256
 * @param counts load and preparation counters
 * @param tailThreshold resolved long-tail threshold
 * @param tailUserThreshold short-history user threshold
 * @param provenance where the prepared data came from, or null (not written then; absent from
 *     earlier files)
 */
public record DatasetManifest(
    String layout,
    String name,
    String kind,
    String format,
    String config,
    List<InputFile> inputs,
    Map<String, String> files,
    Map<String, Long> counts,
    int tailThreshold,
    int tailUserThreshold,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

  /** Current format version. */
  public static final int FORMAT_VERSION = 1;

  /** What {@link #layout} starts with. */
  public static final String LAYOUT_PREFIX = "llmemb-prepared-v";

  /** Current layout. */
  public static final String LAYOUT = LAYOUT_PREFIX + FORMAT_VERSION;

  public DatasetManifest {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(config, "config");
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    files = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(files, "files")));
    counts =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
  }

  /** A manifest without provenance. */
  public DatasetManifest(
      String layout,
      String name,
      String kind,
      String format,
      String config,
      List<InputFile> inputs,
      Map<String, String> files,
      Map<String, Long> counts,
      int tailThreshold,
      int tailUserThreshold) {
    this(
        layout,
        name,
        kind,
        format,
        config,
        inputs,
        files,
        counts,
        tailThreshold,
        tailUserThreshold,
        null);
  }

  /**
   * The format version in {@link #layout} as written (the whole layout when it is not a
   * prepared-dataset one).
   */
  @JsonIgnore
  public String formatVersion() {
    return layout.startsWith(LAYOUT_PREFIX) ? layout.substring(LAYOUT_PREFIX.length()) : layout;
  }

  /**
   * One input file.
   *
   * @param path path as given
   * @param sha256 content hash
   * @param bytes size
   */
  public record InputFile(String path, String sha256, long bytes) {

    /** Hashes {@code p}. */
    public static InputFile of(Path p) {
      try {
        return new InputFile(p.toString(), Sha256.of(p), Files.size(p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stat " + p, e);
      }
    }
  }

  /**
   * Hash of the input hashes and the config: equal keys mean the prepared data would be identical.
   */
  public String cacheKey() {
    StringBuilder sb =
        new StringBuilder(layout).append('\n').append(format).append('\n').append(config);
    inputs.forEach(i -> sb.append('\n').append(i.sha256()));
    return Sha256.of(sb.toString());
  }

  /** Text form of a config that enters the cache key. */
  public static String configText(PrepConfig c) {
    return c.describe();
  }
}
