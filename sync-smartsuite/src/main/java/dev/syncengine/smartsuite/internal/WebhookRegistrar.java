package dev.syncengine.smartsuite.internal;

import static dev.syncengine.smartsuite.SmartSuiteSource.OPTION_WEBHOOK_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, adopts, repairs and deletes a connection's SmartSuite webhook, so that at most one of
 * ours remains per connection (see {@link #subscribe}). Logs under {@link SmartSuiteSource}'s
 * category. Thread-safe.
 */
public final class WebhookRegistrar {
  private static final Logger log = LoggerFactory.getLogger(SmartSuiteSource.class);
  private static final List<String> KINDS =
      List.of("RECORD_CREATED", "RECORD_UPDATED", "RECORD_DELETED");

  private WebhookRegistrar() {}

  /**
   * Registers a webhook for the connection's table notifying {@code notificationUrl}, or repairs
   * the registered one (re-enables it, points it at the URL). Returns {@link
   * SmartSuiteSource#OPTION_WEBHOOK_ID}.
   *
   * <p>Idempotent whatever happened to an earlier attempt (answer lost, timed out or unreadable, a
   * crash before the id was saved): before creating, it lists the solution's webhooks and adopts
   * its own. A webhook is this connection's own when it notifies {@code notificationUrl}, or the
   * same URL with another last path segment: that segment is the connection's webhook token, so
   * such a webhook is ours from before a token rotation; it is pointed at the current URL rather
   * than replaced. The recorded webhook is kept when it is still there; otherwise the one notifying
   * the exact URL, then the oldest. Every other webhook of ours is deleted, so at most one remains.
   * When {@code CreateWebhook} fails, the solution is listed again and a webhook it created anyway
   * is adopted. Without a solution id on the connection only the recorded webhook can be found.
   */
  public static Map<String, String> subscribe(
      ConnectionConfig connection, SmartSuiteClient client, String notificationUrl) {
    String recorded = connection.options().get(OPTION_WEBHOOK_ID);
    String solution = connection.source().parentId();
    Optional<ObjectNode> kept;
    if (solution == null || solution.isBlank()) {
      kept = recorded == null ? Optional.empty() : registered(client, connection, recorded);
    } else {
      kept = adopt(client, connection, recorded, notificationUrl);
    }
    if (kept.isPresent()) {
      return Map.of(OPTION_WEBHOOK_ID, repair(client, connection, kept.get(), notificationUrl));
    }
    ObjectNode webhook = JsonNodeFactory.instance.objectNode();
    webhook
        .putObject("filter")
        .putObject("applications")
        .putArray("application_ids")
        .add(connection.source().id());
    var kinds = webhook.putArray("kinds");
    KINDS.forEach(kinds::add);
    webhook
        .putObject("locator")
        .put("account_id", connection.credentials().require(SmartSuiteCredentials.ACCOUNT_ID))
        .put("solution_id", solution);
    webhook.putObject("notification_status").putObject("enabled").put("url", notificationUrl);
    String id;
    try {
      id = client.createWebhook(webhook).path("webhook_id").asText("");
    } catch (SmartSuiteApiException e) {
      // SmartSuite may have created it and only the answer went astray: look before failing
      log.warn(
          "connection {}: registering the SmartSuite webhook failed ({}); looking for one it"
              + " created anyway",
          connection.id(),
          e.error().code());
      if (solution == null || solution.isBlank()) {
        throw e;
      }
      Optional<ObjectNode> created;
      try {
        created = adopt(client, connection, null, notificationUrl);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
        throw e;
      }
      if (created.isEmpty()) {
        throw e;
      }
      id = repair(client, connection, created.get(), notificationUrl);
      log.info(
          "connection {}: adopted SmartSuite webhook {} created by the failed call",
          connection.id(),
          id);
      return Map.of(OPTION_WEBHOOK_ID, id);
    }
    log.info("connection {}: registered SmartSuite webhook {}", connection.id(), id);
    return Map.of(OPTION_WEBHOOK_ID, id);
  }

  /**
   * The connection's own webhook on its solution, after deleting the others of ours; empty when
   * there is none. Prefers {@code recorded}, then one notifying {@code url} exactly, then the
   * oldest.
   */
  private static Optional<ObjectNode> adopt(
      SmartSuiteClient client, ConnectionConfig connection, String recorded, String url) {
    List<ObjectNode> all = client.listWebhooks(connection.source().parentId());
    String token = connection.credentials().get(Credentials.WEBHOOK_TOKEN).orElse(null);
    List<ObjectNode> ours = new ArrayList<>();
    ObjectNode recordedHook = null;
    for (ObjectNode w : all) {
      String id = w.path("webhook_id").asText("");
      if (id.isEmpty()) {
        continue;
      }
      if (id.equals(recorded)) {
        recordedHook = w; // ours by record, wherever it points
      } else if (WebhookOwnership.isOurs(notificationUrlOf(w), url, token)) {
        ours.add(w);
      }
    }
    ours.sort(
        java.util.Comparator.comparing((ObjectNode w) -> !url.equals(notificationUrlOf(w)))
            .thenComparing(w -> w.path("created_at").path("at").asText("~"))
            .thenComparing(w -> w.path("webhook_id").asText()));
    ObjectNode keep = recordedHook != null ? recordedHook : ours.isEmpty() ? null : ours.remove(0);
    for (ObjectNode extra : ours) {
      String id = extra.path("webhook_id").asText();
      try {
        client.deleteWebhook(id);
        log.info(
            "connection {}: deleted duplicate SmartSuite webhook {} (kept {})",
            connection.id(),
            id,
            keep.path("webhook_id").asText());
      } catch (SmartSuiteApiException e) {
        if (!e.isNotFound()) {
          log.warn(
              "connection {}: could not delete duplicate SmartSuite webhook {}: {}",
              connection.id(),
              id,
              e.error().code());
        }
      }
    }
    if (keep != null && recordedHook == null) {
      log.info(
          "connection {}: adopting SmartSuite webhook {} that already notifies this connection",
          connection.id(),
          keep.path("webhook_id").asText());
    }
    return Optional.ofNullable(keep);
  }

  /** Points the webhook at {@code url} and re-enables it when needed; returns its id. */
  private static String repair(
      SmartSuiteClient client, ConnectionConfig connection, ObjectNode w, String url) {
    String id = w.path("webhook_id").asText();
    if (!url.equals(notificationUrlOf(w)) || !w.path("system_status").has("enabled")) {
      ObjectNode update = JsonNodeFactory.instance.objectNode().put("webhook_id", id);
      update.putObject("notification_status").putObject("enabled").put("url", url);
      client.updateWebhook(update);
      log.info(
          "connection {}: pointed SmartSuite webhook {} at {}",
          connection.id(),
          id,
          Redaction.url(url));
    }
    return id;
  }

  private static String notificationUrlOf(JsonNode w) {
    return w.path("notification_status").path("enabled").path("url").asText("");
  }

  /** Deletes the recorded webhook; one SmartSuite no longer has is no failure. */
  public static void unsubscribe(ConnectionConfig connection, SmartSuiteClient client) {
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (id == null) {
      return;
    }
    try {
      client.deleteWebhook(id);
    } catch (SmartSuiteApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  /**
   * The webhook {@code id} as SmartSuite lists it on the connection's solution. {@code
   * ListWebhooks} rather than fetching one by id: its request and answer are the documented ones.
   */
  static Optional<ObjectNode> registered(
      SmartSuiteClient client, ConnectionConfig connection, String id) {
    String solution = connection.source().parentId();
    if (solution == null || solution.isBlank()) {
      // no solution to list: ask for the one webhook instead
      try {
        return Optional.of(client.getWebhook(id));
      } catch (SmartSuiteApiException e) {
        if (e.isNotFound()) {
          return Optional.empty();
        }
        throw e;
      }
    }
    return client.listWebhooks(solution).stream()
        .filter(w -> id.equals(w.path("webhook_id").asText()))
        .findFirst();
  }
}
