package io.llmemb.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCacheTest {

  @TempDir Path work;

  @Test
  void sameInputsReuseTheArtifactAndChangedInputsRecompute() {
    StageCache cache = new StageCache(work, "v1");
    AtomicInteger runs = new AtomicInteger();
    StageCache.Body body =
        dir -> {
          runs.incrementAndGet();
          Files.writeString(dir.resolve("x.txt"), "value");
        };
    Artifact a = cache.run("s", "first", Map.of("n", 1), List.of(), body);
    Artifact b = new StageCache(work, "v1").run("s", "again", Map.of("n", 1), List.of(), body);
    assertEquals(1, runs.get());
    assertTrue(a.fresh());
    assertFalse(b.fresh());
    assertEquals(a.key(), b.key());
    assertEquals(a.checksum(), b.checksum());
    assertEquals(a.dir(), work.resolve("s").resolve(a.key()));

    Artifact c = cache.run("s", "other input", Map.of("n", 2), List.of(), body);
    assertEquals(2, runs.get());
    assertNotEquals(a.key(), c.key());
    Artifact d = new StageCache(work, "v2").run("s", "other code", Map.of("n", 1), List.of(), body);
    assertEquals(3, runs.get());
    assertNotEquals(a.key(), d.key());
    assertEquals(List.of("s: first", "s: other input"), cache.executed());
  }

  @Test
  void aSetInTheInputsGivesTheSameKeyWhateverItsIterationOrder() {
    // Set.of / Set.copyOf iterate in an order salted per JVM: two runs of the experiment must still
    // agree.
    StageCache cache = new StageCache(work, "v1");
    Artifact a =
        cache.run(
            "s",
            "a",
            Map.of("modules", new java.util.LinkedHashSet<>(List.of("q", "k", "v"))),
            List.of(),
            dir -> Files.writeString(dir.resolve("x.txt"), "1"));
    Artifact b =
        cache.run(
            "s",
            "b",
            Map.of("modules", new java.util.LinkedHashSet<>(List.of("v", "q", "k"))),
            List.of(),
            dir -> Files.writeString(dir.resolve("x.txt"), "2"));
    assertEquals(a.key(), b.key());
    assertFalse(b.fresh());
    assertNotEquals(
        a.key(),
        cache
            .run(
                "s",
                "c",
                Map.of("modules", List.of("v", "q", "k")),
                List.of(),
                dir -> Files.writeString(dir.resolve("x.txt"), "3"))
            .key(),
        "a list keeps its order");
  }

  @Test
  void aChangedUpstreamChecksumRecomputesTheDownstreamStage() {
    StageCache cache = new StageCache(work, "v1");
    AtomicInteger runs = new AtomicInteger();
    StageCache.Body body = dir -> runs.incrementAndGet();
    Artifact up1 = new Artifact("up", "k", work, "aaaa", false);
    Artifact up2 = new Artifact("up", "k", work, "bbbb", false);
    Artifact x = cache.run("down", "1", Map.of(), List.of(up1), body);
    Artifact y = cache.run("down", "1 again", Map.of(), List.of(up1), body);
    Artifact z = cache.run("down", "2", Map.of(), List.of(up2), body);
    assertEquals(2, runs.get());
    assertEquals(x.key(), y.key());
    assertNotEquals(x.key(), z.key());
  }

  @Test
  void aStageThatFailedIsWipedAndRerun() throws Exception {
    StageCache cache = new StageCache(work, "v1");
    assertThrows(
        IllegalStateException.class,
        () ->
            cache.run(
                "s",
                "boom",
                Map.of(),
                List.of(),
                dir -> {
                  Files.writeString(dir.resolve("partial.txt"), "half");
                  throw new Exception("boom");
                }));
    Artifact a =
        cache.run(
            "s",
            "retry",
            Map.of(),
            List.of(),
            dir -> Files.writeString(dir.resolve("ok.txt"), "ok"));
    assertTrue(a.fresh());
    assertFalse(
        Files.exists(a.dir().resolve("partial.txt")),
        "the half-written file of the failed run is gone");
    assertTrue(Files.exists(a.dir().resolve(StageCache.DONE)));
  }

  @Test
  void checksumCoversFileNamesAndContents() throws Exception {
    Path d1 = Files.createDirectories(work.resolve("d1"));
    Path d2 = Files.createDirectories(work.resolve("d2"));
    Files.writeString(d1.resolve("a"), "1");
    Files.writeString(d2.resolve("a"), "1");
    assertEquals(StageCache.checksum(d1), StageCache.checksum(d2));
    Files.writeString(d2.resolve("a"), "2");
    assertNotEquals(StageCache.checksum(d1), StageCache.checksum(d2));
    Files.writeString(d2.resolve("a"), "1");
    Files.move(d2.resolve("a"), d2.resolve("b"));
    assertNotEquals(StageCache.checksum(d1), StageCache.checksum(d2));
  }
}
