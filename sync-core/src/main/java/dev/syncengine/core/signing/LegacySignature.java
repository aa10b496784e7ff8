package dev.syncengine.core.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The scheme existing senders use: {@code x-smartsuite-signature: sha256=<hex HMAC-SHA256 of the
 * raw body>} with {@code x-smartsuite-timestamp} in seconds or milliseconds. The signature does not
 * cover the timestamp, so replays inside the window are stopped by idempotency keys, not here.
 *
 * <p>Immutable and thread-safe.
 */
public final class LegacySignature {
  public static final String SIGNATURE_HEADER = "x-smartsuite-signature";
  public static final String TIMESTAMP_HEADER = "x-smartsuite-timestamp";
  public static final String IDEMPOTENCY_HEADER = "x-idempotency-key";
  private static final String PREFIX = "sha256=";

  /** Timestamps above this are milliseconds (year 2286 in seconds). */
  private static final long MILLIS_THRESHOLD = 10_000_000_000L;

  private final List<byte[]> keys;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets one or more secrets (raw strings, UTF-8)
   * @throws IllegalArgumentException when none is given
   */
  public LegacySignature(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.keys = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The {@code sha256=...} header value for a body, with the first secret. */
  public String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(HmacSha256.mac(keys.get(0), body));
  }

  /**
   * Verifies one delivery.
   *
   * @throws SignatureException when a header is missing or malformed, the timestamp is outside the
   *     window, or no secret matches
   */
  public void verify(String timestamp, String signatureHeader, byte[] body)
      throws SignatureException {
    if (timestamp == null || timestamp.isBlank()) {
      throw new SignatureException("missing " + TIMESTAMP_HEADER);
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new SignatureException("missing " + SIGNATURE_HEADER);
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new SignatureException("malformed " + TIMESTAMP_HEADER);
    }
    Instant at = ts > MILLIS_THRESHOLD ? Instant.ofEpochMilli(ts) : Instant.ofEpochSecond(ts);
    StandardWebhooks.checkWindow(at, clock, tolerance);
    String sig = signatureHeader.trim();
    if (!sig.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new SignatureException("signature is not sha256=");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(sig.substring(PREFIX.length()).toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new SignatureException("malformed signature hex");
    }
    for (byte[] key : keys) {
      if (HmacSha256.equal(HmacSha256.mac(key, body), given)) {
        return;
      }
    }
    throw new SignatureException("signature mismatch");
  }
}
