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

  private WebflowCredentials() {}
}
