package dev.syncengine.webflow;

/**
 * The names under which a connection's {@link dev.syncengine.core.model.Credentials} hold what the
 * Webflow sink needs. The values are secrets: stores encrypt them, and they never appear in logs,
 * errors or API answers.
 */
public final class WebflowCredentials {
  /**
   * A site API token or OAuth access token, sent as {@code Authorization: Bearer <token>}
   * (webflow-api.md).
   */
  public static final String TOKEN = "webflow.token";

  /**
   * For two-way connections: the secret Webflow signs webhook deliveries with (the OAuth app's
   * client secret or the webhook's {@code secretKey}), comma separated during rotation. Checked
   * with {@link WebflowSignatures}: when it is set, every delivery must carry a valid signature
   * (besides the URL token every delivery needs).
   */
  public static final String WEBHOOK_SECRET = "webflow.webhook.secret";

  private WebflowCredentials() {}
}
