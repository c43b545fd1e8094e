package io.llmemb.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.files.BuildInfo;
import io.llmemb.files.Provenance;
import io.llmemb.files.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;

  private static BundleWriter writer() {
    Provenance p =
        new Provenance(
            "toy",
            "a".repeat(64),
            Map.of("seed", "42"),
            "-",
            "none",
            BuildInfo.codeVersion(),
            BuildInfo.libraryVersions());
    return new BundleWriter(
        new BundleMetadata(
            BundleMetadata.timestampVersion(NOW),
            "plain",
            "GRU4Rec",
            "None",
            p,
            Map.of("overall.ndcg@10", 0.125)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void writesVerifiableBundleWithManifestChecksum() throws IOException {
    WrittenBundle w =
        writer()
            .putText("notes.txt", "héllo")
            .putNpy("e.npy", NpyArray.of(new float[] {1, 2}))
            .writeTo(tmp.resolve("b1"));
    assertEquals("20260102T030405Z", w.manifest().bundleVersion());
    assertEquals(
        Sha256.of(Files.readAllBytes(w.dir().resolve(BundleManifest.MANIFEST_FILE))),
        w.manifestSha256());
    Bundle b = BundleReader.open(w.dir(), w.manifestSha256());
    assertEquals("héllo", b.text("notes.txt"));
    assertEquals(
        6, b.manifest().files().get("notes.txt").bytes(), "UTF-8 byte count, not characters");
    assertEquals(0.125, b.manifest().metrics().get("overall.ndcg@10"));
    assertTrue(b.manifest().provenance().libraryVersions().containsKey("java"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(tmp.resolve("b1")), left.toList(), "no temporary directory left behind");
    }
  }

  @Test
  void identicalContentGivesAnIdenticalManifestChecksum() throws IOException {
    String a =
        writer().putText("x", "1").putText("y", "2").writeTo(tmp.resolve("a")).manifestSha256();
    String b =
        writer().putText("y", "2").putText("x", "1").writeTo(tmp.resolve("b")).manifestSha256();
    assertEquals(a, b, "part order must not matter");
  }

  @Test
  void refusesBadRequests() throws IOException {
    Files.createDirectories(tmp.resolve("taken"));
    BundleException exists =
        assertThrows(BundleException.class, () -> writer().writeTo(tmp.resolve("taken")));
    assertEquals(BundleException.Kind.INVALID_REQUEST, exists.kind());
    for (String bad :
        List.of("../escape", "sub/dir.npy", ".hidden", BundleManifest.MANIFEST_FILE, "")) {
      assertThrows(BundleException.class, () -> writer().putText(bad, "x"), bad);
    }
    BundleException dup =
        assertThrows(BundleException.class, () -> writer().putText("a", "1").putText("a", "2"));
    assertEquals("a", dup.file());
    BundleException unknown =
        assertThrows(
            BundleException.class,
            () -> BundleReader.open(writer().writeTo(tmp.resolve("empty")).dir()).bytes("nope"));
    assertEquals(BundleException.Kind.MISSING_FILE, unknown.kind());
  }

  @Test
  void aPartChangedAfterOpeningIsStillRefused() throws IOException {
    WrittenBundle w = writer().putText("notes.txt", "abc").writeTo(tmp.resolve("b"));
    Bundle b = BundleReader.open(w.dir());
    Files.writeString(w.dir().resolve("notes.txt"), "abd");
    BundleException e = assertThrows(BundleException.class, () -> b.text("notes.txt"));
    assertEquals(BundleException.Kind.CHECKSUM_MISMATCH, e.kind());
    assertFalse(e.expected().equals(e.found()));
  }
}
