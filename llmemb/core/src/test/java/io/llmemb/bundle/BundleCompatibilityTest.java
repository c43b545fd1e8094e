package io.llmemb.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the committed format-1 fixture (written by {@link BundleFixtures#writeV1}) and checks that
 * a damaged copy is refused with the file and the expected vs found value.
 */
class BundleCompatibilityTest {

  static final Path FIXTURE_V1 = Path.of("src/test/resources/bundles/bundle-v1");

  /** The release checksum of the committed fixture; it must never change. */
  static final String FIXTURE_V1_SHA =
      "2d577ce3a465bc628927049093ba76918e0ce455128f260ad7aa7205f7644f0e";

  @TempDir Path tmp;

  @Test
  void loadsTheFormatOneFixture() throws IOException {
    Bundle b = BundleReader.open(FIXTURE_V1, FIXTURE_V1_SHA);
    BundleManifest m = b.manifest();
    assertEquals(1, m.formatVersion());
    assertEquals("20261125T043000Z", m.bundleVersion());
    assertEquals("SASRec", m.backbone());
    assertEquals("LLMEmb", m.variant());
    assertEquals(BundleFixtures.CREATED.toString(), m.createdAt());
    assertEquals("all-MiniLM-L6-v2", m.provenance().encoderId());
    assertEquals("prompt-v1", m.provenance().promptVersion());
    assertEquals("0.01", m.provenance().config().get("alpha"));
    assertEquals(0.25, m.metrics().get("tail.hr@10"));
    assertEquals(
        Set.of(
            "README.txt", "adapter.npy", "config.json", "interaction-counts.npy", "item-ids.npy"),
        b.parts());
    assertArrayEquals(BundleFixtures.ADAPTER, b.npy("adapter.npy").toFloatMatrix());
    assertArrayEquals(BundleFixtures.ITEM_IDS, b.npy("item-ids.npy").ints());
    assertArrayEquals(BundleFixtures.COUNTS, b.npy("interaction-counts.npy").ints());
    assertEquals(50, b.json("config.json", Map.class).get("maxLen"));
  }

  @Test
  void thisBuildStillWritesTheFixtureByteForByte() throws IOException {
    WrittenBundle again = BundleFixtures.writeV1(tmp.resolve("again"));
    assertEquals(
        FIXTURE_V1_SHA,
        again.manifestSha256(),
        "format 1 output changed: bump CURRENT_VERSION and add a "
            + "new fixture instead of changing what format 1 means");
  }

  @Test
  void aFlippedByteIsRefusedNamingTheFile() throws IOException {
    Path copy = copyFixture();
    Path weights = copy.resolve("adapter.npy");
    byte[] data = Files.readAllBytes(weights);
    data[data.length - 1] ^= 0x01;
    Files.write(weights, data);
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.CHECKSUM_MISMATCH, e.kind());
    assertEquals("adapter.npy", e.file());
    assertEquals("6e25b30ee686bfd762a8818c00fa487d5a3d98c9792547cae57b2ec200482477", e.expected());
    assertEquals(Sha256.of(data), e.found());
  }

  @Test
  void aMissingPartIsRefused() throws IOException {
    Path copy = copyFixture();
    Files.delete(copy.resolve("item-ids.npy"));
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.MISSING_FILE, e.kind());
    assertEquals("item-ids.npy", e.file());
  }

  @Test
  void aTruncatedPartIsRefusedBySize() throws IOException {
    Path copy = copyFixture();
    Files.writeString(copy.resolve("README.txt"), "short");
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.SIZE_MISMATCH, e.kind());
    assertEquals("45 bytes", e.expected());
    assertEquals("5 bytes", e.found());
  }

  @Test
  void anEditedManifestIsRefusedByItsChecksum() throws IOException {
    Path copy = copyFixture();
    rewriteManifest(copy, "\"variant\" : \"LLMEmb\"", "\"variant\" : \"Fused\"", false);
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.CHECKSUM_MISMATCH, e.kind());
    assertEquals(BundleManifest.MANIFEST_FILE, e.file());
  }

  @Test
  void aFutureFormatIsRefusedWithBothVersions() throws IOException {
    Path copy = copyFixture();
    rewriteManifest(copy, "\"formatVersion\" : 1", "\"formatVersion\" : 2", true);
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.UNSUPPORTED_VERSION, e.kind());
    assertTrue(
        e.getMessage().contains("bundle format 2, this build reads up to 1"), e.getMessage());
  }

  @Test
  void aMissingManifestFieldIsRefusedByName() throws IOException {
    Path copy = copyFixture();
    rewriteManifest(
        copy, "\"promptVersion\" : \"prompt-v1\"", "\"promptVersionTypo\" : \"prompt-v1\"", true);
    BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(copy));
    assertEquals(BundleException.Kind.MISSING_FIELD, e.kind());
    assertEquals("field 'provenance.promptVersion'", e.expected());
  }

  @Test
  void aDifferentReleaseIsRefused() {
    BundleException e =
        assertThrows(BundleException.class, () -> BundleReader.open(FIXTURE_V1, "0".repeat(64)));
    assertEquals(FIXTURE_V1_SHA, e.found());
  }

  private Path copyFixture() throws IOException {
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(FIXTURE_V1)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /**
   * Edits the manifest text; with {@code reseal} the checksum file is updated so only the content
   * is at fault.
   */
  private static void rewriteManifest(Path dir, String from, String to, boolean reseal)
      throws IOException {
    Path manifest = dir.resolve(BundleManifest.MANIFEST_FILE);
    String text = Files.readString(manifest);
    assertTrue(text.contains(from), "fixture lacks " + from);
    byte[] edited = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    Files.write(manifest, edited);
    if (reseal) {
      Files.writeString(
          dir.resolve(BundleManifest.CHECKSUM_FILE),
          Sha256.of(edited) + "  " + BundleManifest.MANIFEST_FILE + "\n");
    }
  }
}
