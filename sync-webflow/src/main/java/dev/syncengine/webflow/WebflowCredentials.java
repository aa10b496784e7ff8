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
   * with {@link WebflowSignatures} when a delivery carries {@code x-webflow-signature}.
   */
  public static final String WEBHOOK_SECRET = "webflow.webhook.secret";

  /**
   * For two-way connections: the unguessable token in the URL Webflow delivers to, {@code
   * /reverse-hooks/{connectionId}/{token}}. Webflow signs only webhooks created by an OAuth app
   * (webflow-api.md), so deliveries to webhooks made with a site token are authenticated by it.
   */
  public static final String WEBHOOK_TOKEN = "webflow.webhook.token";

  private WebflowCredentials() {}
}
