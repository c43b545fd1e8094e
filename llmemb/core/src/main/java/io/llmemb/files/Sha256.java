package io.llmemb.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex SHA-256 (the form {@code sha256sum} prints) of bytes, text or a file, for every
 * checksum of the project: dataset manifests, embedding and PCA artifacts, LoRA checkpoints, model
 * bundles.
 */
public final class Sha256 {

  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  /** Hash of {@code data}. */
  public static String of(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** Hash of a string's UTF-8 bytes. */
  public static String of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Hash of a file's bytes, streamed (large weight files are not loaded whole); fails naming the
   * file.
   */
  public static String of(Path file) {
    MessageDigest md = digest();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
