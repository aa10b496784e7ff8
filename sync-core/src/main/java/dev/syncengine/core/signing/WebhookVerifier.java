package dev.syncengine.core.signing;

import dev.syncengine.core.IngestRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a signed push in whichever scheme it carries: Standard Webhooks when {@code
 * webhook-signature} is present, otherwise the legacy {@code x-smartsuite-signature}. Secrets
 * starting with {@code whsec_} serve Standard Webhooks; every secret is tried for the legacy
 * scheme.
 *
 * <pre>{@code
 * WebhookVerifier v = WebhookVerifier.of(List.of("whsec_..."), clock);
 * Verified ok = v.verify(request); // throws SignatureException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final StandardWebhooks standard;
  private final LegacySignature legacy;

  private WebhookVerifier(StandardWebhooks standard, LegacySignature legacy) {
    this.standard = standard;
    this.legacy = legacy;
  }

  /** A verifier with the default 5-minute window. */
  public static WebhookVerifier of(List<String> secrets, Clock clock) {
    return of(secrets, DEFAULT_TOLERANCE, clock);
  }

  /**
   * @throws IllegalArgumentException when no secret is given or a {@code whsec_} secret is not
   *     base64
   */
  public static WebhookVerifier of(List<String> secrets, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one signing secret is required");
    }
    List<String> standardSecrets = new ArrayList<>();
    for (String s : secrets) {
      if (s.startsWith(StandardWebhooks.SECRET_PREFIX)) {
        standardSecrets.add(s);
      }
    }
    return new WebhookVerifier(
        standardSecrets.isEmpty() ? null : new StandardWebhooks(standardSecrets, tolerance, clock),
        new LegacySignature(secrets, tolerance, clock));
  }

  /**
   * Verifies the request.
   *
   * @return the delivery's id (Standard Webhooks {@code webhook-id} or legacy {@code
   *     x-idempotency-key}), null when the sender gave none
   * @throws SignatureException when it does not verify
   */
  public String verify(IngestRequest request) throws SignatureException {
    String sig = request.header(StandardWebhooks.SIGNATURE_HEADER);
    if (sig != null) {
      if (standard == null) {
        throw new SignatureException("no whsec_ secret configured for Standard Webhooks");
      }
      String id = request.header(StandardWebhooks.ID_HEADER);
      standard.verify(id, request.header(StandardWebhooks.TIMESTAMP_HEADER), sig, request.body());
      return id;
    }
    if (request.header(LegacySignature.SIGNATURE_HEADER) == null) {
      throw new SignatureException("no signature header");
    }
    legacy.verify(
        request.header(LegacySignature.TIMESTAMP_HEADER),
        request.header(LegacySignature.SIGNATURE_HEADER),
        request.body());
    return request.header(LegacySignature.IDEMPOTENCY_HEADER);
  }
}
