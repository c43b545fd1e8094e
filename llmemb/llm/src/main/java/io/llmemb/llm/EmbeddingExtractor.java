package io.llmemb.llm;

import ai.djl.ndarray.NDManager;
import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.Npy;
import io.llmemb.files.Provenance;
import io.llmemb.text.EmbeddingArtifact;
import io.llmemb.text.ItemPrompts;
import io.llmemb.text.PromptCounts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds every item's full (undropped) prompt through a {@link TextEncoder} (docs/llmemb-method.md
 * §3, extraction) and writes an {@link EmbeddingArtifact}. Items are streamed in chunks; inside a
 * chunk they are batched by prompt length to cut padding (pooling is attention-masked, so batching
 * does not change a row beyond float noise) and rows are written in id order. Deterministic for a
 * given encoder, input and batch size.
 *
 * <p>Bad input never aborts the run: instruction-only prompts, truncated prompts and duplicate raw
 * ids are counted into the manifest. Duplicate raw ids keep every row, because rows are keyed by
 * mapped id and must stay contiguous 1..N (§3 PCA); the data stage is where duplicates should be
 * fixed.
 */
public final class EmbeddingExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingExtractor.class);
  private static final int BATCHES_PER_CHUNK = 64;

  private final TextEncoder encoder;
  private final int batchSize;
  private final boolean showProgress;

  public EmbeddingExtractor(TextEncoder encoder, int batchSize) {
    this(encoder, batchSize, true);
  }

  /**
   * @param showProgress draw a progress bar
   */
  public EmbeddingExtractor(TextEncoder encoder, int batchSize, boolean showProgress) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0: " + batchSize);
    }
    this.batchSize = batchSize;
    this.showProgress = showProgress;
  }

  /**
   * Throughput and counts of one extraction.
   *
   * @param items rows written
   * @param seconds wall time of the encoding loop
   * @param tokens real tokens encoded (0 when the encoder does not count)
   * @param manifest the written manifest
   */
  public record Report(
      int items, double seconds, long tokens, EmbeddingArtifact.Manifest manifest) {
    public double itemsPerSecond() {
      return items / seconds;
    }

    public double tokensPerSecond() {
      return tokens / seconds;
    }
  }

  /**
   * Writes the artifact for items 1..N into {@code dir}.
   *
   * @param itemPrompts prompt per mapped id (index 0 padding, ignored), their version and bad-input
   *     counts
   * @param rawItemIds raw id per mapped id (index 0 padding, ignored)
   * @param itemSource what the rows line up with (recorded in the manifest; see {@link
   *     EmbeddingArtifact})
   */
  public Report extract(
      ItemPrompts itemPrompts, List<String> rawItemIds, String itemSource, Path dir)
      throws IOException {
    return extract(itemPrompts, rawItemIds, itemSource, null, dir);
  }

  /**
   * Like {@link #extract(ItemPrompts, List, String, Path)}, recording where the table came from.
   *
   * @param provenance the data snapshot, settings and item-text source, or null
   */
  public Report extract(
      ItemPrompts itemPrompts,
      List<String> rawItemIds,
      String itemSource,
      Provenance provenance,
      Path dir)
      throws IOException {
    List<String> prompts = itemPrompts.prompts();
    PromptCounts counts = itemPrompts.counts();
    int n = prompts.size() - 1;
    if (n <= 0 || rawItemIds.size() != prompts.size()) {
      throw new IllegalArgumentException(
          "need prompts and raw ids for ids 1..N with equal sizes, got "
              + prompts.size()
              + " and "
              + rawItemIds.size());
    }
    Files.createDirectories(dir);
    Path matrix = dir.resolve(EmbeddingArtifact.MATRIX_FILE);
    TokenStatistics stats = encoder instanceof TokenStatistics s ? s : null;
    long truncated0 = stats == null ? 0 : stats.truncatedPrompts();
    long tokens0 = stats == null ? 0 : stats.tokensEncoded();
    long start = System.nanoTime();
    int chunk = batchSize * BATCHES_PER_CHUNK;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(matrix));
        ProgressBar bar = progressBar(n)) {
      Npy.writeHeader(out, Npy.FLOAT32, n, encoder.dimension());
      for (int from = 1; from <= n; from += chunk) {
        int to = Math.min(n, from + chunk - 1);
        Npy.writeFloats(out, encodeChunk(prompts, from, to, bar));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int duplicates = writeItems(rawItemIds, dir.resolve(EmbeddingArtifact.ITEMS_FILE));
    long truncated = stats == null ? 0 : stats.truncatedPrompts() - truncated0;
    EmbeddingArtifact.Manifest manifest =
        new EmbeddingArtifact.Manifest(
                EmbeddingArtifact.FORMAT_VERSION,
                encoder.modelId(),
                itemPrompts.version(),
                n,
                encoder.dimension(),
                encoder.maxTokens(),
                "float32",
                "",
                "",
                truncated,
                counts.instructionOnly(),
                duplicates,
                counts.emptyValues(),
                counts.nonLatin(),
                itemSource,
                provenance)
            .written(
                ArtifactManifests.checksums(
                    dir, EmbeddingArtifact.MATRIX_FILE, EmbeddingArtifact.ITEMS_FILE));
    EmbeddingArtifact.writeManifest(dir, manifest);
    if (truncated > 0) {
      LOG.warn("{} of {} prompts were truncated to {} tokens", truncated, n, encoder.maxTokens());
    }
    if (duplicates > 0) {
      LOG.warn("{} rows repeat an earlier raw item id; all rows kept", duplicates);
    }
    long tokens = stats == null ? 0 : stats.tokensEncoded() - tokens0;
    return new Report(n, seconds, tokens, manifest);
  }

  private ProgressBar progressBar(int n) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder().setTaskName("Embed").setInitialMax(n).setUnit(" items", 1);
    if (!showProgress) {
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> {}));
    }
    return builder.build();
  }

  private float[] encodeChunk(List<String> prompts, int from, int to, ProgressBar bar) {
    int d = encoder.dimension();
    List<Integer> ids = new ArrayList<>();
    for (int id = from; id <= to; id++) {
      ids.add(id);
    }
    ids.sort(
        Comparator.comparingInt((Integer id) -> prompts.get(id).length())
            .thenComparingInt(id -> id));
    float[] rows = new float[(to - from + 1) * d];
    for (int b = 0; b < ids.size(); b += batchSize) {
      List<Integer> batch = ids.subList(b, Math.min(ids.size(), b + batchSize));
      try (NDManager m = NDManager.newBaseManager()) {
        float[] emb =
            encoder.encode(m, batch.stream().map(prompts::get).toList(), false).toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          System.arraycopy(emb, i * d, rows, (batch.get(i) - from) * d, d);
        }
      }
      bar.stepBy(batch.size());
    }
    return rows;
  }

  private static int writeItems(List<String> rawItemIds, Path file) throws IOException {
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    StringBuilder sb = new StringBuilder();
    for (int id = 1; id < rawItemIds.size(); id++) {
      String raw = Objects.requireNonNullElse(rawItemIds.get(id), "");
      if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0) {
        // items.txt is one id per line: a line break inside an id would shift every later row.
        LOG.warn(
            "raw item id of mapped id {} contains a line break; written with spaces instead", id);
        raw = raw.replace('\r', ' ').replace('\n', ' ');
      }
      if (!seen.add(raw)) {
        duplicates++;
      }
      sb.append(raw).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    return duplicates;
  }
}
