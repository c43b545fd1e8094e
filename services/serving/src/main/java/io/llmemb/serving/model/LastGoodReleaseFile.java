package io.llmemb.serving.model;

import io.llmemb.schemas.avro.ModelRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LastGoodRelease} in an Avro data file beside the Streams state (same volume, so it
 * survives exactly as long as the state does), replaced atomically on every change. An unreadable
 * file is logged and ignored: it only ever adds a fallback.
 */
public final class LastGoodReleaseFile implements LastGoodRelease {

  private static final Logger LOG = LoggerFactory.getLogger(LastGoodReleaseFile.class);

  private final Path file;

  /** Keeps the releases in {@code file}. */
  public LastGoodReleaseFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized List<ModelRelease> load() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<ModelRelease> out = new ArrayList<>();
    try (DataFileReader<ModelRelease> reader =
        new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(ModelRelease.class))) {
      reader.forEach(out::add);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable last-good release file {}: {}", file, e.toString());
      return List.of();
    }
    return out;
  }

  @Override
  public synchronized void remember(ModelRelease release) {
    List<ModelRelease> all = new ArrayList<>(load());
    all.add(release);
    Map<String, ModelRelease> byName = LastGoodRelease.byName(all);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (DataFileWriter<ModelRelease> writer =
          new DataFileWriter<>(new SpecificDatumWriter<>(ModelRelease.class))) {
        writer.create(ModelRelease.getClassSchema(), tmp.toFile());
        for (ModelRelease r : byName.values()) {
          writer.append(r);
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
