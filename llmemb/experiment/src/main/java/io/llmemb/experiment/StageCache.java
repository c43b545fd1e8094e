package io.llmemb.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input-hash caching of pipeline stages. A stage's key is the sha256 of its name, the code version,
 * its inputs (config as data, serialised with sorted keys) and the checksums of the upstream
 * artifacts it reads; its artifact lives in {@code <work>/<stage>/<key>/} and counts as present
 * only when the {@value #DONE} marker is there. A half-written directory (a crash mid-stage) has no
 * marker and is wiped and rebuilt.
 */
public final class StageCache {

  /** Marker file written last; holds the artifact checksum. */
  public static final String DONE = "done";

  /** What went into the key, for people reading the cache directory. */
  public static final String INPUTS = "inputs.json";

  private static final Logger LOG = LoggerFactory.getLogger(StageCache.class);

  /**
   * Writes keys and stage files with properties, map entries and set elements in a fixed order: a
   * key must be the same in every JVM, and a set's iteration order need not be (Set.of / Set.copyOf
   * are salted per JVM).
   */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .addModule(new SimpleModule().addSerializer(new SortedSetSerializer()))
          .build();

  /** A set as a JSON array sorted by each element's own JSON text. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class SortedSetSerializer extends StdSerializer<Set> {
    private static final ObjectMapper ELEMENTS =
        JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    SortedSetSerializer() {
      super(Set.class);
    }

    @Override
    public void serialize(Set value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      List<String> items = new ArrayList<>();
      for (Object o : value) {
        items.add(ELEMENTS.writeValueAsString(o));
      }
      items.sort(Comparator.naturalOrder());
      gen.writeStartArray();
      for (String item : items) {
        gen.writeRawValue(item);
      }
      gen.writeEndArray();
    }
  }

  /** Directory of the per-stage lock files inside the work directory. */
  static final String LOCKS = ".locks";

  private final Path work;
  private final String codeVersion;
  private final List<String> executed = new ArrayList<>();

  /** What a stage computes into its (empty) artifact directory. */
  @FunctionalInterface
  public interface Body {
    /** Writes the artifact into {@code dir}. */
    void run(Path dir) throws Exception;
  }

  /**
   * @param work cache root ({@code --work})
   * @param codeVersion hashed into every key; bump it when a stage's output for the same inputs
   *     changes
   */
  public StageCache(Path work, String codeVersion) {
    this.work = work;
    this.codeVersion = codeVersion;
  }

  /**
   * Returns the stage's artifact, computing it only when no completed artifact with the same key
   * exists.
   *
   * @param stage stage name (a directory name)
   * @param label human-readable instance, e.g. {@code sasrec seed 42}, for logs and {@link
   *     #executed()}
   * @param inputs the stage's configuration, as JSON-serialisable data
   * @param upstream artifacts the stage reads
   * @param body computes the artifact
   */
  public Artifact run(
      String stage, String label, Map<String, ?> inputs, List<Artifact> upstream, Body body) {
    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("stage", stage);
    keyed.put("code", codeVersion);
    keyed.put("inputs", inputs);
    Map<String, String> up = new LinkedHashMap<>();
    upstream.forEach(a -> up.put(a.stage() + "/" + a.key(), a.checksum()));
    keyed.put("upstream", up);
    String key;
    try {
      key = sha256(JSON.writeValueAsBytes(keyed));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "inputs of stage " + stage + " are not serialisable: " + e.getMessage(), e);
    }
    Path dir = work.resolve(stage).resolve(key);
    Path done = dir.resolve(DONE);
    // Two experiment runs may share a work directory (e.g. one per core): a stage is computed by
    // one of them while
    // the other waits for it and then reuses it.
    try (FileChannel channel =
            FileChannel.open(
                lockFile(stage, key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(channel, stage, label)) {
      if (Files.exists(done)) {
        LOG.info("{} ({}): cached in {}", stage, label, dir);
        return new Artifact(
            stage, key, dir, Files.readString(done, StandardCharsets.UTF_8).trim(), false);
      }
      deleteTree(dir);
      Files.createDirectories(dir);
      LOG.info("{} ({}): running into {}", stage, label, dir);
      long start = System.nanoTime();
      body.run(dir);
      JSON.writeValue(dir.resolve(INPUTS).toFile(), keyed);
      String checksum = checksum(dir);
      Files.writeString(done, checksum + "\n", StandardCharsets.UTF_8);
      executed.add(stage + ": " + label);
      LOG.info(
          "{} ({}): done in {} s",
          stage,
          label,
          String.format("%.1f", (System.nanoTime() - start) / 1e9));
      return new Artifact(stage, key, dir, checksum, true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "stage " + stage + " (" + label + ") failed in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "stage " + stage + " (" + label + ") failed in " + dir + ": " + e, e);
    }
  }

  /** Beside the stage directories, not in them: a stage directory lists artifacts only. */
  private Path lockFile(String stage, String key) throws IOException {
    Path locks = work.resolve(LOCKS);
    Files.createDirectories(locks);
    return locks.resolve(stage + "-" + key + ".lock");
  }

  private static FileLock lock(FileChannel channel, String stage, String label) throws IOException {
    FileLock lock = channel.tryLock();
    if (lock == null) {
      LOG.info("{} ({}): another run is computing it, waiting", stage, label);
      lock = channel.lock();
    }
    return lock;
  }

  /** The stages this instance computed (not reused), as {@code "<stage>: <label>"}, in order. */
  public List<String> executed() {
    return List.copyOf(executed);
  }

  /**
   * sha256 over the sorted relative paths and contents of every file under {@code dir} except the
   * marker.
   */
  static String checksum(Path dir) throws IOException {
    MessageDigest all = digest();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().equals(DONE))
              .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
              .toList();
    }
    for (Path f : files) {
      all.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      all.update((byte) 0);
      MessageDigest one = digest();
      try (InputStream in = new DigestInputStream(Files.newInputStream(f), one)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      all.update(one.digest());
    }
    return HexFormat.of().formatHex(all.digest());
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
