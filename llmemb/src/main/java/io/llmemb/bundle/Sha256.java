package io.llmemb.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex SHA-256 of bytes or a file (streamed, so large weight files are not loaded whole). */
public final class Sha256 {

  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  /** Hex digest of {@code data}. */
  public static String of(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** Hex digest of the file's content. */
  public static String of(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
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
