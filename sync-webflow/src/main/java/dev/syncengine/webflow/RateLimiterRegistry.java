package dev.syncengine.webflow;

import dev.syncengine.webflow.internal.AdaptiveRateLimiter;
import dev.syncengine.webflow.internal.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rate limiters by token: every client and sink that uses one registry and one token shares one
 * limiter, so their requests are paced together and a 429 pauses all of them. The default, {@link
 * #jvmShared()}, spans the JVM; {@link #create()} gives an independent one (e.g. to stand in for
 * another process in a test). A limiter keeps the settings of the first client that asked for it.
 *
 * <pre>{@code
 * WebflowClient a = WebflowClient.builder().token(t).build();  // both share
 * WebflowClient b = WebflowClient.builder().token(t).build();  // one limiter
 * }</pre>
 *
 * <p>Thread-safe. Tokens are kept only as SHA-256 digests.
 */
public final class RateLimiterRegistry {
  private static final RateLimiterRegistry JVM = new RateLimiterRegistry();
  private final ConcurrentMap<String, AdaptiveRateLimiter> limiters = new ConcurrentHashMap<>();

  private RateLimiterRegistry() {}

  /** The JVM-wide registry every client uses unless told otherwise. */
  public static RateLimiterRegistry jvmShared() {
    return JVM;
  }

  /** A new, independent registry. */
  public static RateLimiterRegistry create() {
    return new RateLimiterRegistry();
  }

  AdaptiveRateLimiter limiterFor(String token, int limit, Duration window, Ticker ticker) {
    return limiters.computeIfAbsent(
        digest(token), k -> new AdaptiveRateLimiter(limit, window, ticker));
  }

  private static String digest(String token) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
