package io.llmemb.data.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmemb.data.DataFormatException;
import io.llmemb.data.ItemCatalog;
import io.llmemb.data.PreparedDataset;
import io.llmemb.data.SequenceSplit;
import io.llmemb.data.load.TextLines;
import io.llmemb.data.prep.Splits;
import io.llmemb.files.ArtifactManifests;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves and loads a {@link PreparedDataset} as a directory so stages can cache it:
 *
 * <ul>
 *   <li>{@code sequences.tsv}: one line per user, {@code rawUserId TAB id id id...} (full
 *       time-ordered sequence on mapped ids; the split is the leave-one-out of it, like the
 *       official {@code inter_seq.txt});
 *   <li>{@code items.jsonl}: one JSON object per item id 1..N, {@code {"item_id", "raw_id",
 *       "attributes"}} with attributes in raw key order;
 *   <li>{@code manifest.json}: {@link DatasetManifest}.
 * </ul>
 */
public final class PreparedDatasetStore {

  public static final String SEQUENCES = "sequences.tsv";
  public static final String ITEMS = "items.jsonl";
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final ArtifactManifests.Refusal<DataFormatException> REFUSAL =
      (problem, file, expected, found, message) ->
          new DataFormatException(
              Path.of(file), message + " (expected " + expected + ", found " + found + ")", null);

  private PreparedDatasetStore() {}

  /** Writes {@code ds} into {@code dir}; {@code manifest}'s file checksums are filled in here. */
  public static void save(PreparedDataset ds, DatasetManifest manifest, Path dir) {
    try {
      Files.createDirectories(dir);
      SequenceSplit s = ds.split();
      try (BufferedWriter w =
          Files.newBufferedWriter(dir.resolve(SEQUENCES), StandardCharsets.UTF_8)) {
        for (int u = 0; u < s.numUsers(); u++) {
          StringBuilder line = new StringBuilder(ds.rawUserIds().get(u)).append('\t');
          int[] seq = s.fullSequence(u);
          for (int i = 0; i < seq.length; i++) {
            line.append(i == 0 ? "" : " ").append(seq[i]);
          }
          w.write(line.append('\n').toString());
        }
      }
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(ITEMS), StandardCharsets.UTF_8)) {
        ItemCatalog c = ds.catalog();
        for (int id = 1; id <= c.numItems(); id++) {
          Map<String, Object> rec = new LinkedHashMap<>();
          rec.put("item_id", id);
          rec.put("raw_id", c.rawItemIds().get(id));
          rec.put("attributes", c.attributes().get(id));
          w.write(JSON.writeValueAsString(rec));
          w.write('\n');
        }
      }
      Map<String, String> files = ArtifactManifests.checksums(dir, SEQUENCES, ITEMS);
      DatasetManifest m =
          new DatasetManifest(
              manifest.layout(),
              manifest.name(),
              manifest.kind(),
              manifest.format(),
              manifest.config(),
              manifest.inputs(),
              files,
              manifest.counts(),
              s.tailThreshold(),
              s.tailUserThreshold(),
              manifest.provenance());
      JSON.writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(MANIFEST).toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save prepared dataset to " + dir, e);
    }
  }

  /** Reads the manifest of {@code dir}. */
  public static DatasetManifest manifest(Path dir) {
    if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
      throw new DataFormatException(
          dir,
          Files.isDirectory(dir)
              ? "not a prepared dataset (no "
                  + MANIFEST
                  + "); make one with `llmemb prepare --format <format> "
                  + "--input <raw files> --out "
                  + dir
                  + "`"
              : "no such directory; `llmemb prepare --format <format> --input <raw files> --out "
                  + dir
                  + "` writes a prepared dataset there",
          null);
    }
    try {
      return JSON.readValue(dir.resolve(MANIFEST).toFile(), DatasetManifest.class);
    } catch (IOException e) {
      throw new DataFormatException(
          dir.resolve(MANIFEST), "unreadable manifest: " + e.getMessage(), e);
    }
  }

  /** Loads {@code dir} when it exists and was made from inputs/config with this cache key. */
  public static Optional<PreparedDataset> loadIfCurrent(Path dir, String cacheKey) {
    if (!Files.isRegularFile(dir.resolve(MANIFEST)) || !manifest(dir).cacheKey().equals(cacheKey)) {
      return Optional.empty();
    }
    return Optional.of(load(dir));
  }

  /** Loads a saved dataset, checking the format version and verifying file checksums. */
  public static PreparedDataset load(Path dir) {
    DatasetManifest m = manifest(dir);
    ArtifactManifests.checkVersion(
        dir.resolve(MANIFEST).toString(),
        "prepared dataset",
        m.formatVersion(),
        DatasetManifest.FORMAT_VERSION,
        REFUSAL);
    ArtifactManifests.verifyAll(dir, m.files(), REFUSAL);
    List<String> users = new ArrayList<>();
    List<int[]> sequences = new ArrayList<>();
    Path seqFile = dir.resolve(SEQUENCES);
    TextLines.forEach(
        seqFile,
        StandardCharsets.UTF_8,
        (n, line) -> {
          int tab = line.indexOf('\t');
          if (tab < 0) {
            throw new DataFormatException(seqFile, n, "expected 'user<TAB>items'");
          }
          users.add(line.substring(0, tab));
          try {
            sequences.add(
                Arrays.stream(line.substring(tab + 1).split(" "))
                    .mapToInt(Integer::parseInt)
                    .toArray());
          } catch (NumberFormatException e) {
            throw new DataFormatException(seqFile, n, "bad item id: " + e.getMessage());
          }
        });
    List<String> raw = new ArrayList<>();
    List<Map<String, Object>> attrs = new ArrayList<>();
    raw.add(null);
    attrs.add(null);
    Path itemFile = dir.resolve(ITEMS);
    TextLines.forEach(
        itemFile,
        StandardCharsets.UTF_8,
        (n, line) -> {
          try {
            Map<String, Object> rec = JSON.readValue(line, MAP);
            if (((Number) rec.get("item_id")).intValue() != n) {
              throw new DataFormatException(
                  itemFile, n, "item_id " + rec.get("item_id") + " out of order");
            }
            raw.add((String) rec.get("raw_id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) rec.get("attributes");
            attrs.add(a);
          } catch (IOException e) {
            throw new DataFormatException(itemFile, n, "bad JSON: " + e.getMessage());
          }
        });
    int numItems = raw.size() - 1;
    SequenceSplit split =
        Splits.leaveOneOut(
            m.name(),
            numItems,
            sequences,
            Splits.popularity(sequences, numItems),
            m.tailThreshold(),
            m.tailUserThreshold());
    return new PreparedDataset(split, new ItemCatalog(m.kind(), raw, attrs), users);
  }
}
