package io.llmemb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.BundleMetadata;
import io.llmemb.bundle.BundleWriter;
import io.llmemb.bundle.WrittenBundle;
import io.llmemb.files.Provenance;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "released (...)" line names the variant: from the bundle's manifest, else from the release
 * record.
 */
class ReleaseDescriptionTest {

  private static ModelRelease release(String uri, String sha, String llmVersion) {
    return ModelRelease.newBuilder()
        .setModelName("llmemb-demo")
        .setVersion("v1")
        .setUri(uri)
        .setSha256(sha)
        .setBackbone("sasrec")
        .setLlmVersion(llmVersion)
        .setNumItems(387)
        .setMetrics(Map.of("ndcg@10", 0.123456, "hr@10", 0.25))
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  private static WrittenBundle bundle(Path dir, String variant) throws IOException {
    Provenance provenance =
        new Provenance("demo", "0".repeat(64), Map.of(), "minilm", "p1", "test", Map.of());
    return new BundleWriter(
            new BundleMetadata("v1", "llmemb-demo", "sasrec", variant, provenance, Map.of()),
            Clock.systemUTC())
        .putText("part.txt", "x")
        .writeTo(dir);
  }

  @Test
  void theVariantComesFromTheReleasedBundlesManifest(@TempDir Path tmp) throws IOException {
    for (String variant : new String[] {"id", "rat", "fused"}) {
      WrittenBundle b = bundle(tmp.resolve(variant), variant);
      ModelRelease r = release(b.dir().toUri().toString(), b.manifestSha256(), "minilm");
      assertEquals(Optional.of(variant), ReleaseDescription.manifestVariant(r));
    }
    WrittenBundle fused = bundle(tmp.resolve("again"), "fused");
    assertEquals(
        "variant fused (RAT text view + ID view), backbone sasrec, 387 items, metrics "
            + "{hr@10=0.2500, ndcg@10=0.1235}",
        ReleaseDescription.describe(
            release(fused.dir().toUri().toString(), fused.manifestSha256(), "minilm")));
  }

  @Test
  void labelsNameThePaperVariants() {
    assertEquals("plain (ID embeddings only)", ReleaseDescription.label("id"));
    assertEquals("RAT (LLM embeddings through the adapter)", ReleaseDescription.label("rat"));
    assertEquals("fused (RAT text view + ID view)", ReleaseDescription.label("fused"));
    assertEquals("something-new", ReleaseDescription.label("something-new"));
  }

  @Test
  void aBundleThatIsNotTheReleasedOneIsNotTrusted(@TempDir Path tmp) throws IOException {
    WrittenBundle b = bundle(tmp.resolve("b"), "rat");
    assertEquals(
        Optional.empty(),
        ReleaseDescription.manifestVariant(
            release(b.dir().toUri().toString(), "f".repeat(64), "minilm")));
  }

  @Test
  void withoutAReadableBundleTheRecordStillTellsPlainFromText(@TempDir Path tmp) {
    ModelRelease plain = release(tmp.resolve("missing").toUri().toString(), "0", null);
    assertTrue(
        ReleaseDescription.describe(plain)
            .startsWith(
                "variant plain (ID embeddings only) (from the "
                    + "release record; bundle not readable here), backbone sasrec"),
        ReleaseDescription.describe(plain));

    ModelRelease remote = release("s3://bucket/models/v1", "0", "minilm-l6");
    assertEquals(Optional.empty(), ReleaseDescription.manifestVariant(remote));
    assertTrue(
        ReleaseDescription.describe(remote)
            .startsWith(
                "variant RAT or fused (text view of minilm-l6; " + "bundle not readable here)"),
        ReleaseDescription.describe(remote));

    ModelRelease garbage = release("::not a uri", "0", null);
    assertEquals(Optional.empty(), ReleaseDescription.manifestVariant(garbage));
  }

  @Test
  void aFailingReaderFallsBackToo() {
    ModelRelease r = release("file:/x", "0", null);
    assertTrue(
        ReleaseDescription.variant(
                r,
                x -> {
                  throw new IllegalStateException("boom");
                })
            .startsWith("plain"));
  }
}
