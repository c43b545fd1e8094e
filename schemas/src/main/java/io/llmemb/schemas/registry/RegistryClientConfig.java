package io.llmemb.schemas.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the registry is and how long to wait for it.
 *
 * @param urls base URLs tried in order on connection failure ({@code http://host:8081}), or a
 *     single {@code mock://scope} URL for the in-memory registry
 * @param connectTimeout longest wait for a TCP connection, so a registry that is down fails fast
 * @param requestTimeout longest wait for a whole response
 */
public record RegistryClientConfig(
    List<String> urls, Duration connectTimeout, Duration requestTimeout) {

  /** Default {@link #connectTimeout()}: {@value} ms. */
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 2_000;

  /** Default {@link #requestTimeout()}: {@value} ms. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

  /** URL scheme of the in-memory registry. */
  public static final String MOCK_SCHEME = "mock://";

  /** Validates every component; the message names the bad one. */
  public RegistryClientConfig {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty() || urls.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("urls must hold at least one non-blank URL, got " + urls);
    }
    boolean anyMock = urls.stream().anyMatch(u -> u.startsWith(MOCK_SCHEME));
    if (anyMock && urls.size() > 1) {
      throw new IllegalArgumentException("urls: a mock:// URL must be the only one, got " + urls);
    }
    if (!anyMock
        && urls.stream().anyMatch(u -> !u.startsWith("http://") && !u.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "urls must be http://, https:// or a single mock:// URL, got " + urls);
    }
    for (String u : urls) {
      try {
        java.net.URI.create(u);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "urls: '" + u + "' is not a valid URI: " + e.getMessage(), e);
      }
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
  }

  /** One URL (or a comma-separated list) with the default timeouts. */
  public static RegistryClientConfig of(String urls) {
    return new RegistryClientConfig(
        splitUrls(urls),
        Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS),
        Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MS));
  }

  /** Splits a comma-separated URL list, trimming blanks and trailing slashes. */
  public static List<String> splitUrls(String urls) {
    Objects.requireNonNull(urls, "urls");
    return java.util.Arrays.stream(urls.split(","))
        .map(String::trim)
        .filter(u -> !u.isEmpty())
        .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
        .toList();
  }

  /** Whether this config names the in-memory registry. */
  public boolean isMock() {
    return urls.get(0).startsWith(MOCK_SCHEME);
  }

  /** Scope name of a {@code mock://scope} URL. */
  public String mockScope() {
    if (!isMock()) {
      throw new IllegalStateException("not a mock:// config: " + urls);
    }
    return urls.get(0).substring(MOCK_SCHEME.length());
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
