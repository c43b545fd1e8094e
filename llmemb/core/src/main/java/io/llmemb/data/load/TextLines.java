package io.llmemb.data.load;

import io.llmemb.data.DataFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Streams the lines of a plain or gzip-compressed text file with 1-based line numbers, so that
 * multi-gigabyte dumps are never held in memory as one string. Compression is detected from the
 * gzip magic bytes, not the name.
 */
public final class TextLines {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int BUFFER = 1 << 16;
  private static final long MEGABYTE = 1L << 20;

  /** Files from this size on are read with a progress bar (Amazon/Yelp dumps take minutes). */
  private static final long PROGRESS_MIN_BYTES = 32 * MEGABYTE;

  private static final int PROGRESS_WIDTH = 100;

  /** Receives one line. */
  @FunctionalInterface
  public interface LineHandler {
    /** Handles line {@code lineNo} (1-based) of the file. */
    void line(long lineNo, String line);
  }

  private TextLines() {}

  /** Opens a file as a byte stream, transparently un-gzipping it; big files show a progress bar. */
  public static InputStream open(Path file) {
    try {
      long size = Files.size(file);
      InputStream raw = Files.newInputStream(file);
      if (size >= PROGRESS_MIN_BYTES) {
        // progress counts the bytes of the file itself, so it is exact for gzip input too
        raw =
            ProgressBar.wrap(
                raw,
                new ProgressBarBuilder()
                    .setTaskName("Reading " + file.getFileName())
                    .setInitialMax(size)
                    .setUnit(" MB", MEGABYTE)
                    .showSpeed()
                    .setMaxRenderedLength(PROGRESS_WIDTH));
      }
      InputStream in = new BufferedInputStream(raw, BUFFER);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2
          ? new BufferedInputStream(new GZIPInputStream(in, BUFFER))
          : in;
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot open: " + e.getMessage(), e);
    }
  }

  /** Opens a (possibly gzipped) file as a reader in the given charset. */
  public static BufferedReader reader(Path file, Charset charset) {
    return new BufferedReader(new InputStreamReader(open(file), charset), BUFFER);
  }

  /** Calls {@code handler} for every line of {@code file}; returns the number of lines. */
  public static long forEach(Path file, Charset charset, LineHandler handler) {
    long lineNo = 0;
    try (BufferedReader r = reader(file, charset)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        handler.line(lineNo, line);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DataFormatException(
          file, "read failed after line " + lineNo + ": " + e.getMessage(), e);
    }
    return lineNo;
  }
}
