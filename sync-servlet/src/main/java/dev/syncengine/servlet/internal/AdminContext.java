package dev.syncengine.servlet.internal;

import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.RetrySettings;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the admin handlers share: the engine's control plane and inspector, and where webhooks are
 * received.
 *
 * @param engine the engine
 * @param publicBaseUrl the externally visible base URL (e.g. {@code https://host/sync}), or null to
 *     derive it from the request
 * @param basePath the base path the servlets are mounted under (e.g. {@code /sync})
 */
public record AdminContext(
    SyncEngine engine, String publicBaseUrl, String basePath, RetrySettings defaultRetry) {

  /** Every change goes through here. */
  public ControlPlane admin() {
    return engine.admin();
  }

  /** Every read goes through here. */
  public Inspector inspect() {
    return engine.inspect();
  }

  /** The connection, or 404. */
  public ConnectionConfig connection(String id) {
    return inspect()
        .connection(id)
        .orElseThrow(() -> ApiException.notFound("no connection '" + id + "'"));
  }

  /** The full webhook URL, token included: a secret, shown only on creation and rotation. */
  public String webhookUrl(HttpServletRequest req, ConnectionConfig c) {
    String token = c.credentials().get(Credentials.WEBHOOK_TOKEN).orElse(null);
    return hooksBase(req) + c.id() + (token == null ? "" : "/" + token);
  }

  /** The webhook URL with its token masked, for every other view. */
  public String maskedWebhookUrl(HttpServletRequest req, ConnectionConfig c) {
    String token = c.credentials().get(Credentials.WEBHOOK_TOKEN).orElse(null);
    return hooksBase(req) + c.id() + (token == null ? "" : "/" + Credentials.mask(token));
  }

  private String hooksBase(HttpServletRequest req) {
    String base = publicBaseUrl;
    if (base == null) {
      StringBuilder b = new StringBuilder();
      b.append(req.getScheme()).append("://").append(req.getServerName());
      int port = req.getServerPort();
      boolean defaultPort =
          (req.getScheme().equals("http") && port == 80)
              || (req.getScheme().equals("https") && port == 443);
      if (!defaultPort) {
        b.append(':').append(port);
      }
      b.append(req.getContextPath()).append(basePath);
      base = b.toString();
    }
    return (base.endsWith("/") ? base : base + "/") + "hooks/";
  }
}
