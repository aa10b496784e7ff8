package dev.syncengine.webflow;

import dev.syncengine.core.signing.SignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the signature Webflow puts on webhook deliveries: {@code x-webflow-timestamp} (epoch
 * milliseconds) and {@code x-webflow-signature}, the hex HMAC-SHA256 of {@code timestamp + ":" +
 * rawBody} keyed with the OAuth app's client secret (or the webhook's {@code secretKey}); requests
 * older than 5 minutes are to be refused (webflow-api.md "Webflow's own webhooks";
 * https://developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures; the 2022-09-22
 * changelog https://developers.webflow.com/data/changelog/webhook-signatures). Timestamps more than
 * the same window in the future are refused too. Webflow signs only webhooks an OAuth app created;
 * for site tokens the ingress relies on a URL token instead ({@link
 * dev.syncengine.core.signing.UrlToken}).
 *
 * <p>This class is stateless: a replay of a valid delivery inside the window verifies again, so
 * callers dedupe on {@link #deliveryKey(byte[])} when storing it (the engine's reverse ingress
 * does).
 *
 * <pre>{@code
 * WebflowSignatures sigs = WebflowSignatures.of(List.of(clientSecret), Clock.systemUTC());
 * sigs.verify(req.header(WebflowSignatures.TIMESTAMP_HEADER),
 *     req.header(WebflowSignatures.SIGNATURE_HEADER), req.body()); // throws SignatureException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebflowSignatures {
  /** Epoch milliseconds of the delivery. */
  public static final String TIMESTAMP_HEADER = "x-webflow-timestamp";

  /** Hex HMAC-SHA256 of {@code timestamp:body}. */
  public static final String SIGNATURE_HEADER = "x-webflow-signature";

  /** Webflow's documented replay window. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<byte[]> keys;
  private final Duration tolerance;
  private final Clock clock;

  private WebflowSignatures(List<String> secrets, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secrets, "secrets");
    this.keys =
        secrets.stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("tolerance must be positive");
    }
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verifier with the 5-minute window; several secrets are tried in turn (rotation).
   *
   * @throws IllegalArgumentException when no non-blank secret is given
   */
  public static WebflowSignatures of(List<String> secrets, Clock clock) {
    return new WebflowSignatures(secrets, DEFAULT_TOLERANCE, clock);
  }

  /**
   * A verifier with another window.
   *
   * @throws IllegalArgumentException when no non-blank secret is given or the window is not
   *     positive
   */
  public static WebflowSignatures of(List<String> secrets, Duration tolerance, Clock clock) {
    return new WebflowSignatures(secrets, Objects.requireNonNull(tolerance, "tolerance"), clock);
  }

  /** The {@code x-webflow-signature} value for a body sent at {@code timestampMillis}. */
  public String sign(long timestampMillis, byte[] body) {
    return HexFormat.of().formatHex(mac(keys.get(0), timestampMillis, body));
  }

  /**
   * Verifies one delivery.
   *
   * @throws SignatureException when a header is missing or malformed, the timestamp is more than
   *     the window away from now (either way), or no secret produces the signature
   */
  public void verify(String timestamp, String signature, byte[] body) throws SignatureException {
    if (timestamp == null || timestamp.isBlank()) {
      throw new SignatureException("missing " + TIMESTAMP_HEADER);
    }
    if (signature == null || signature.isBlank()) {
      throw new SignatureException("missing " + SIGNATURE_HEADER);
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new SignatureException("malformed " + TIMESTAMP_HEADER);
    }
    Instant at = Instant.ofEpochMilli(millis);
    Instant now = clock.instant();
    if (at.isBefore(now.minus(tolerance))) {
      throw new SignatureException("stale " + TIMESTAMP_HEADER + " (older than " + tolerance + ")");
    }
    if (at.isAfter(now.plus(tolerance))) {
      throw new SignatureException(TIMESTAMP_HEADER + " is in the future");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SignatureException("malformed " + SIGNATURE_HEADER);
    }
    boolean ok = false;
    for (byte[] key : keys) {
      // Every key is tried, so the time taken does not say which one matched.
      ok |= MessageDigest.isEqual(mac(key, millis, body), given);
    }
    if (!ok) {
      throw new SignatureException("signature mismatch");
    }
  }

  /**
   * The dedupe key of a delivery: {@code "webflow:"} and the hex SHA-256 of the raw body. A replay
   * or a retry of one delivery carries the same body (its item id, trigger and {@code
   * lastUpdated}), so it gets the same key whatever its timestamp.
   */
  public static String deliveryKey(byte[] body) {
    try {
      return "webflow:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] mac(byte[] key, long millis, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((millis + ":").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
