package dev.syncengine.webflow.internal;

import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowWebhook;
import dev.syncengine.webflow.WebflowWebhookApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a site's CMS item webhooks pointing at one URL: lists the registrations, creates each
 * missing trigger once, and lists again when a create's outcome is unknown (a timeout, a 5xx), so a
 * retry never leaves a second webhook. Stateless and thread-safe.
 */
public final class WebhookRegistrar {
  /**
   * The triggers two-way sync follows (webflow-openapi-v2.yml {@code webhooks:} section and the
   * {@code triggerType} enum of {@code create-webhook}).
   */
  public static final List<String> TRIGGERS =
      List.of(
          "collection_item_created",
          "collection_item_changed",
          "collection_item_deleted",
          "collection_item_unpublished");

  private WebhookRegistrar() {}

  /**
   * Registers what is missing.
   *
   * @return {@code status} ({@code enabled} when all were there, {@code created} when some were
   *     made), {@code webhookIds} (comma separated, in {@link #TRIGGERS} order) and {@code created}
   *     (how many this call made)
   * @throws WebflowException when Webflow refuses or cannot be reached
   */
  public static Map<String, String> ensure(WebflowWebhookApi api, String siteId, String url) {
    Objects.requireNonNull(url, "url");
    Map<String, String> have = ours(api.list(siteId), url);
    int created = 0;
    for (String trigger : TRIGGERS) {
      if (have.containsKey(trigger)) {
        continue;
      }
      try {
        WebflowWebhook w = api.create(siteId, trigger, url);
        have.put(trigger, w.id() == null ? "" : w.id());
        created++;
      } catch (WebflowException e) {
        if (e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429) {
          throw e; // refused: nothing was made
        }
        // Outcome unknown: the registration may exist. Look before anyone tries again.
        Map<String, String> now = ours(api.list(siteId), url);
        if (!now.containsKey(trigger)) {
          throw e;
        }
        have.put(trigger, now.get(trigger));
        created++;
      }
    }
    Map<String, String> status = new LinkedHashMap<>();
    status.put("status", created == 0 ? "enabled" : "created");
    List<String> ids = new ArrayList<>();
    TRIGGERS.forEach(t -> ids.add(have.get(t)));
    status.put("webhookIds", String.join(",", ids));
    status.put("created", String.valueOf(created));
    return status;
  }

  /**
   * Deletes every registration of the site that delivers to {@code url}.
   *
   * @return how many were removed
   * @throws WebflowException when Webflow refuses or cannot be reached
   */
  public static int remove(WebflowWebhookApi api, String siteId, String url) {
    int removed = 0;
    for (WebflowWebhook w : api.list(siteId)) {
      if (url.equals(w.url()) && w.id() != null) {
        api.delete(w.id());
        removed++;
      }
    }
    return removed;
  }

  /** Trigger → id of the registrations that deliver to {@code url}, one per trigger. */
  private static Map<String, String> ours(List<WebflowWebhook> all, String url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (WebflowWebhook w : all) {
      if (url.equals(w.url()) && w.triggerType() != null && TRIGGERS.contains(w.triggerType())) {
        out.putIfAbsent(w.triggerType(), w.id());
      }
    }
    return out;
  }
}
