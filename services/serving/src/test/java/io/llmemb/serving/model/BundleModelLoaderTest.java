package io.llmemb.serving.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.bundle.BundleException;
import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link BundleModelLoader} looks for a release's bundle, and that it refuses what is not
 * one.
 */
class BundleModelLoaderTest {

  @TempDir Path store;

  @Test
  void resolvesBarePathsAgainstTheStoreAndFileUrisAsGiven() throws IOException {
    BundleModelLoader loader = new BundleModelLoader(store);
    assertEquals(store.resolve("v1"), loader.resolve("v1"));
    assertEquals(Path.of("/elsewhere/v2"), loader.resolve("file:///elsewhere/v2"));
    IOException e = assertThrows(IOException.class, () -> loader.resolve("s3://bucket/v3"));
    assertTrue(e.getMessage().contains("s3"), e.getMessage());
  }

  @Test
  void refusesADirectoryThatIsNotAVerifiedBundle() throws IOException {
    Files.createDirectories(store.resolve("v1"));
    Files.writeString(store.resolve("v1/manifest.json"), "{}");
    ModelRelease release =
        ModelRelease.newBuilder()
            .setModelName("m")
            .setVersion("v1")
            .setUri("v1")
            .setSha256("0".repeat(64))
            .setBackbone("sasrec")
            .setCreatedAt(Instant.EPOCH)
            .build();
    assertThrows(BundleException.class, () -> new BundleModelLoader(store).load(release));
  }
}
