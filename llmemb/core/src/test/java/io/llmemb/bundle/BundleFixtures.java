package io.llmemb.bundle;

import io.llmemb.files.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Generates the frozen fixture bundles under {@code src/test/resources/bundles/} (the Tribuo {@code
 * *-431.tribuo} pattern, docs/style-by-example.md item 12). Run once per format version and commit
 * the output; never regenerate an existing version's fixture, since its point is to be what an
 * older build wrote: {@code mvn -B -o -pl llmemb/core test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt}, then {@code java -cp
 * llmemb/core/target/test-classes:llmemb/core/target/classes:$(cat /tmp/cp.txt)
 * io.llmemb.bundle.BundleFixtures llmemb/core/src/test/resources/bundles/bundle-v<N>} (or run
 * {@link #main} from an IDE).
 */
final class BundleFixtures {

  static final Instant CREATED = Instant.parse("2026-11-25T04:30:00Z");
  static final float[][] ADAPTER = {{0.25f, -1.5f, 3.0f}, {1e-3f, 0f, -7.75f}};
  static final int[] ITEM_IDS = {0, 101, 7, 5004};
  static final int[] COUNTS = {0, 12, 3, 0};

  private BundleFixtures() {}

  /** The format-1 fixture: every kind of part a RAT bundle carries, in miniature. */
  static WrittenBundle writeV1(Path target) throws IOException {
    Provenance provenance =
        new Provenance(
            "ml-latest-small",
            "0".repeat(63) + "1",
            Map.of("alpha", "0.01", "tau", "2", "hidden", "64"),
            "all-MiniLM-L6-v2",
            "prompt-v1",
            "0.1.0-fixture",
            Map.of("java", "17", "djl", "0.31.0"));
    BundleMetadata meta =
        new BundleMetadata(
            "20261125T043000Z",
            "llmemb-sasrec",
            "SASRec",
            "LLMEmb",
            provenance,
            Map.of("overall.hr@10", 0.5, "tail.hr@10", 0.25));
    return new BundleWriter(meta, Clock.fixed(CREATED, ZoneOffset.UTC))
        .putNpy("adapter.npy", NpyArray.of(ADAPTER))
        .putNpy("item-ids.npy", NpyArray.of(ITEM_IDS))
        .putNpy("interaction-counts.npy", NpyArray.of(COUNTS))
        .putJson("config.json", Map.of("maxLen", 50, "dropout", 0.5, "backbone", "sasrec"))
        .putText("README.txt", "Fixture bundle, format 1. Do not regenerate.\n")
        .writeTo(target);
  }

  /** Writes the current-version fixture to the directory given as the only argument. */
  public static void main(String[] args) throws IOException {
    WrittenBundle b = writeV1(Path.of(args[0]));
    System.out.println(b.dir() + " manifest sha256 " + b.manifestSha256());
  }
}
