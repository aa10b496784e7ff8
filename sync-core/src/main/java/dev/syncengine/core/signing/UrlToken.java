package dev.syncengine.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret token in a webhook URL ({@code /hooks/{connectionId}/{token}}), for senders that sign
 * nothing: SmartSuite's native webhooks, and Webflow webhooks created with a site token (Webflow
 * signs only those an OAuth app created). One check for every adapter.
 *
 * <pre>{@code
 * if (!UrlToken.matches(expectedFromCredentials, request.pathToken())) { refuse(); }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlToken {
  private UrlToken() {}

  /**
   * Whether the token in the URL is the expected one, compared in constant time. An empty or
   * missing expected token matches nothing: a connection without a token accepts no unsigned
   * delivery.
   */
  public static boolean matches(String expected, String given) {
    if (expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        (given == null ? "" : given).getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
