package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.internal.CmsPaths;
import dev.syncengine.webflow.internal.Json;
import dev.syncengine.webflow.internal.WebflowHttp;
import dev.syncengine.webflow.internal.WebflowHttp.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Webflow's webhook registrations (webflow-openapi-v2.yml, tag {@code Webhooks}): {@code GET
 * /sites/{site_id}/webhooks} ({@code list-webhooks}), {@code POST /sites/{site_id}/webhooks} with
 * {@code {triggerType, url}} ({@code create-webhook}, answered 201) and {@code DELETE
 * /webhooks/{webhook_id}} ({@code remove-webhook}). Obtained from {@link WebflowClient#webhooks()};
 * it shares the client's token, rate limiter and retries. A create is never retried blindly (a
 * retry after a timeout could register twice): callers list again instead.
 *
 * <pre>{@code
 * List<WebflowWebhook> hooks = client.webhooks().list(siteId);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WebflowWebhookApi {
  private final WebflowHttp http;

  WebflowWebhookApi(WebflowHttp http) {
    this.http = http;
  }

  /**
   * The site's registrations. The description shows {@code {webhooks: [...], pagination}}; a bare
   * array is accepted too.
   *
   * @throws WebflowException when Webflow refuses or cannot be reached
   */
  public List<WebflowWebhook> list(String siteId) {
    JsonNode n = http.call("GET", path(siteId), Map.of(), null, Kind.IDEMPOTENT);
    JsonNode items = n != null && n.isArray() ? n : n == null ? null : n.path("webhooks");
    List<WebflowWebhook> out = new ArrayList<>();
    if (items != null && items.isArray()) {
      for (JsonNode w : items) {
        out.add(webhook(w));
      }
    }
    return out;
  }

  /**
   * Registers one webhook. Sent once: on a timeout its outcome is unknown and the caller lists.
   *
   * @throws WebflowException when Webflow refuses or cannot be reached
   */
  public WebflowWebhook create(String siteId, String triggerType, String url) {
    ObjectNode body = Json.object();
    body.put("triggerType", triggerType);
    body.put("url", url);
    return webhook(http.call("POST", path(siteId), Map.of(), body, Kind.CREATE));
  }

  /**
   * Removes one registration; one already gone is not an error.
   *
   * @throws WebflowException when Webflow refuses or cannot be reached
   */
  public void delete(String webhookId) {
    try {
      http.call("DELETE", "/webhooks/" + CmsPaths.id(webhookId), Map.of(), null, Kind.IDEMPOTENT);
    } catch (WebflowNotFoundException gone) {
      // already removed: what the caller wanted
    }
  }

  private static String path(String siteId) {
    return CmsPaths.site(siteId) + "/webhooks";
  }

  private static WebflowWebhook webhook(JsonNode w) {
    if (w == null) {
      return new WebflowWebhook(null, null, null, null, null);
    }
    return new WebflowWebhook(
        text(w, "id", "_id"),
        text(w, "triggerType", "trigger_type"),
        text(w, "url", "url"),
        text(w, "siteId", "site"),
        text(w, "secretKey", "secret"));
  }

  private static String text(JsonNode w, String name, String alias) {
    JsonNode v = w.hasNonNull(name) ? w.get(name) : w.get(alias);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
