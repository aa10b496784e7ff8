package dev.syncengine.core.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs and verifies webhooks per the Standard Webhooks specification: {@code webhook-signature:
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, timestamps in seconds, secrets as {@code
 * whsec_<base64>}. Several secrets verify at once (rotation); several signatures in the header are
 * each tried.
 *
 * <pre>{@code
 * StandardWebhooks v = new StandardWebhooks(List.of("whsec_..."), Duration.ofMinutes(5), clock);
 * v.verify(id, timestamp, signatureHeader, body); // throws SignatureException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardWebhooks {
  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";
  public static final String SECRET_PREFIX = "whsec_";

  private final List<byte[]> keys;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets one or more secrets, {@code whsec_}-prefixed or bare base64
   * @param tolerance accepted clock difference, both directions
   * @throws IllegalArgumentException when a secret is not base64 or none is given
   */
  public StandardWebhooks(List<String> secrets, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    List<byte[]> decoded = new ArrayList<>();
    for (String s : secrets) {
      decoded.add(decodeSecret(s));
    }
    this.keys = List.copyOf(decoded);
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  static byte[] decodeSecret(String secret) {
    String s = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      // Never echo the secret itself.
      throw new IllegalArgumentException("webhook secret is not valid base64");
    }
  }

  /** Signs a payload with the first secret: the value for {@code webhook-signature}. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(mac(keys.get(0), id, timestampSeconds, body));
  }

  private static byte[] mac(byte[] key, String id, long ts, byte[] body) {
    byte[] prefix = (id + "." + ts + ".").getBytes(StandardCharsets.UTF_8);
    return HmacSha256.mac(key, prefix, body);
  }

  /**
   * Verifies one delivery.
   *
   * @throws SignatureException when a header is missing or malformed, the timestamp is outside the
   *     window, or no signature matches any secret
   */
  public void verify(String id, String timestamp, String signatureHeader, byte[] body)
      throws SignatureException {
    if (id == null || id.isBlank()) {
      throw new SignatureException("missing " + ID_HEADER);
    }
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
    checkWindow(Instant.ofEpochSecond(ts), clock, tolerance);
    List<byte[]> candidates = new ArrayList<>();
    for (String part : signatureHeader.trim().split(" +")) {
      int comma = part.indexOf(',');
      if (comma < 0) {
        continue;
      }
      if (!part.substring(0, comma).equals("v1")) {
        continue;
      }
      try {
        candidates.add(Base64.getDecoder().decode(part.substring(comma + 1)));
      } catch (IllegalArgumentException ignored) {
        // a malformed entry among several: keep looking at the others
      }
    }
    if (candidates.isEmpty()) {
      throw new SignatureException("no v1 signature in " + SIGNATURE_HEADER);
    }
    for (byte[] key : keys) {
      byte[] expected = mac(key, id, ts, body);
      for (byte[] c : candidates) {
        if (HmacSha256.equal(expected, c)) {
          return;
        }
      }
    }
    throw new SignatureException("signature mismatch");
  }

  static void checkWindow(Instant ts, Clock clock, Duration tolerance) throws SignatureException {
    Instant now = clock.instant();
    if (ts.isBefore(now.minus(tolerance))) {
      throw new SignatureException("timestamp too old");
    }
    if (ts.isAfter(now.plus(tolerance))) {
      throw new SignatureException("timestamp too new");
    }
  }
}
