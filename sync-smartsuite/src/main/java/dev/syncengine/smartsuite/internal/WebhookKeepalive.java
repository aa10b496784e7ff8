package dev.syncengine.smartsuite.internal;

import static dev.syncengine.smartsuite.SmartSuiteSource.OPTION_WEBHOOK_ID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Keeps a connection's SmartSuite webhook alive and enabled. Thread-safe. */
public final class WebhookKeepalive {
  private WebhookKeepalive() {}

  /**
   * Keepalive: calls {@code ListEvents} (SmartSuite stops notifying after 7 days without one) and
   * re-enables a disabled webhook. Returns {@code status} ({@code enabled}, {@code re-enabled},
   * {@code missing}: call {@link WebhookRegistrar#subscribe} again, {@code none}) and {@code
   * expires_at}. {@code clients} is asked only when there is a webhook to keep.
   */
  public static Map<String, String> maintain(
      ConnectionConfig connection, Supplier<SmartSuiteClient> clients) {
    if (connection.ingestionMode() != dev.syncengine.core.model.IngestionMode.NATIVE_WEBHOOK) {
      return Map.of();
    }
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (id == null) {
      return Map.of("status", "none");
    }
    SmartSuiteClient client = clients.get();
    Map<String, String> out = new LinkedHashMap<>();
    out.put(OPTION_WEBHOOK_ID, id);
    try {
      client.listEvents(id, 1, null);
      Optional<ObjectNode> registered = WebhookRegistrar.registered(client, connection, id);
      if (registered.isEmpty()) {
        return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
      }
      ObjectNode w = registered.get();
      if (w.path("system_status").has("enabled")) {
        out.put("status", "enabled");
      } else {
        ObjectNode update = JsonNodeFactory.instance.objectNode().put("webhook_id", id);
        update.set("notification_status", w.path("notification_status").deepCopy());
        if (!update.path("notification_status").has("enabled")) {
          return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
        }
        w = client.updateWebhook(update);
        out.put("status", "re-enabled");
      }
      String expires = w.path("system_status").path("enabled").path("expires_at").asText("");
      if (!expires.isEmpty()) {
        out.put("expires_at", expires);
      }
      return out;
    } catch (SmartSuiteApiException e) {
      if (e.isNotFound()) {
        return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
      }
      throw e;
    }
  }
}
