package dev.syncengine.smartsuite.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per API key for the whole JVM, so every client and connection that shares
 * a key shares its budget. Keys are held only as SHA-256 digests. Thread-safe.
 */
public final class RateLimiters {
  private static final ConcurrentHashMap<String, RateLimiter> BY_KEY = new ConcurrentHashMap<>();

  private RateLimiters() {}

  /**
   * The limiter for an API key. The first caller's limit wins for a key; later callers with another
   * limit get their own limiter (tests use this to run fast).
   */
  public static RateLimiter forKey(String apiKey, int requestsPerSecond) {
    return forKey(apiKey, requestsPerSecond, Ticker.SYSTEM);
  }

  /**
   * The limiter for an API key on {@code ticker}'s time: clients on another ticker than {@link
   * Ticker#SYSTEM} (tests on virtual time) share a limiter only with clients on the same ticker.
   */
  public static RateLimiter forKey(String apiKey, int requestsPerSecond, Ticker ticker) {
    String id = fingerprint(apiKey) + "/" + requestsPerSecond;
    if (ticker != Ticker.SYSTEM) {
      id += "/" + System.identityHashCode(ticker);
    }
    return BY_KEY.computeIfAbsent(
        id, k -> new RateLimiter(requestsPerSecond, Duration.ofSeconds(1), ticker));
  }

  /** A stable, non-reversible id for an API key (SHA-256 hex). */
  public static String fingerprint(String apiKey) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
