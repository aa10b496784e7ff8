package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The simulator's webhooks service: registered webhooks, their event logs behind {@code
 * ListEvents}, ping delivery, and the fault of a lost {@code CreateWebhook} answer. Guarded by the
 * simulator's one lock.
 */
final class SimWebhookService {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Object lock;
  private final String accountId;
  private final SimPingSender pings;
  private final Map<String, SimWebhook> webhooks = new LinkedHashMap<>();
  private boolean partialEventData;
  private SmartSuiteSimulator.LostAnswer lostCreateAnswer;
  private int lostCreateAnswers;

  SimWebhookService(Object lock, String accountId, SimPingSender pings, boolean partialEventData) {
    this.lock = lock;
    this.accountId = accountId;
    this.pings = pings;
    this.partialEventData = partialEventData;
  }

  /** The ids of all registered webhooks. */
  List<String> webhookIds() {
    synchronized (lock) {
      return List.copyOf(webhooks.keySet());
    }
  }

  /**
   * A webhook as the webhooks service shows it ({@code GetWebhooks}' answer).
   *
   * @throws IllegalArgumentException when there is no such webhook
   */
  ObjectNode webhookJson(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).toJson();
    }
  }

  /**
   * Fault hook: the next {@code times} {@code CreateWebhook} calls create and store their webhook
   * as usual, then lose the answer {@code how}. Lets tests prove registration is idempotent.
   */
  void loseCreateWebhookAnswers(SmartSuiteSimulator.LostAnswer how, int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    synchronized (lock) {
      this.lostCreateAnswer = Objects.requireNonNull(how, "how");
      this.lostCreateAnswers = times;
    }
  }

  /** Takes one pending lost-answer fault, or null. */
  SmartSuiteSimulator.LostAnswer takeLostCreateAnswer() {
    synchronized (lock) {
      if (lostCreateAnswers <= 0) {
        return null;
      }
      lostCreateAnswers--;
      return lostCreateAnswer;
    }
  }

  /** Disables a webhook as SmartSuite does after failed deliveries or 7 quiet days. */
  void disableWebhook(String webhookId) {
    synchronized (lock) {
      webhook(webhookId).enabled = false;
    }
  }

  /** Forgets a webhook and its events as SmartSuite does 7 days after disabling it. */
  void removeWebhook(String webhookId) {
    synchronized (lock) {
      webhooks.remove(webhookId);
    }
  }

  boolean webhookEnabled(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).enabled;
    }
  }

  /** Number of events in a webhook's log. */
  int eventCount(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).events.size();
    }
  }

  /**
   * Whether event data carries only the changed fields (plus {@code id}) instead of the whole
   * record; SmartSuite does not document which, so adapters must cope with both.
   */
  void partialEventData(boolean partial) {
    synchronized (lock) {
      this.partialEventData = partial;
    }
  }

  /**
   * {@code CreateWebhook}. The definition is read wrapped in {@code "webhook"} (the shape of
   * update-webhook's example request) or at the top level (create-webhook's Request Body table
   * lists filter, kinds, locator, webhook_id, notification_status there). Answers the bare webhook
   * object: "returns the created webhook object with webhook_id, locator, filter, kinds,
   * created_at, updated_at, notification_status, and system_status".
   */
  ObjectNode createWebhook(JsonNode body) {
    synchronized (lock) {
      JsonNode def = definitionIn(body);
      if (def == null) {
        throw new SimRecordQuery.BadQuery("webhook is required");
      }
      ObjectNode copy = (ObjectNode) def.deepCopy();
      copy.remove(List.of("webhook_id", "system_status", "created_at", "updated_at"));
      SimWebhook w = new SimWebhook(UUID.randomUUID().toString(), copy, Instant.now());
      webhooks.put(w.id, w);
      return w.toJson();
    }
  }

  /** {@code GetWebhooks}: the bare webhook, as get-webhook's Response table lists it. */
  ObjectNode getWebhook(String id) {
    synchronized (lock) {
      SimWebhook w = webhooks.get(id);
      return w == null ? null : w.toJson();
    }
  }

  /** The webhook definition of a create or update request: wrapped or at the top level. */
  private static JsonNode definitionIn(JsonNode body) {
    if (body.path("webhook").isObject()) {
      return body.path("webhook");
    }
    boolean topLevel =
        body.has("filter")
            || body.has("kinds")
            || body.has("locator")
            || body.has("notification_status")
            || body.has("webhook_id");
    return topLevel && body.isObject() ? body : null;
  }

  /** {@code ListWebhooks}: one solution's webhooks, a page at a time. */
  ObjectNode listWebhooks(JsonNode body) {
    String solution = body.path("solution_id").asText("");
    if (solution.isEmpty()) {
      throw new SimRecordQuery.BadQuery("solution_id is required");
    }
    synchronized (lock) {
      List<SimWebhook> of =
          webhooks.values().stream()
              .filter(
                  w -> solution.equals(w.definition.path("locator").path("solution_id").asText()))
              .toList();
      int size = Math.max(1, Math.min(body.path("page_size").asInt(50), 100));
      int from = decodeToken(body.path("page_token").asText(""));
      int to = Math.min(of.size(), from + size);
      ObjectNode out = NODES.objectNode();
      var arr = out.putArray("webhooks");
      for (int i = from; i < to; i++) {
        arr.add(of.get(i).toJson());
      }
      out.put("next_page_token", to < of.size() ? encodeToken(to) : "");
      return out;
    }
  }

  /**
   * {@code UpdateWebhook}: the definition wrapped in {@code "webhook"} as update-webhook's example
   * request shows (top level accepted too). The page documents no answer; answers the bare webhook
   * like {@code GetWebhooks}.
   */
  ObjectNode updateWebhook(JsonNode body) {
    synchronized (lock) {
      JsonNode def = definitionIn(body);
      if (def == null) {
        throw new SimRecordQuery.BadQuery("webhook is required");
      }
      SimWebhook w = webhooks.get(def.path("webhook_id").asText());
      if (w == null) {
        return null;
      }
      ObjectNode copy = (ObjectNode) def.deepCopy();
      copy.remove(List.of("webhook_id", "system_status", "created_at", "updated_at"));
      w.definition.setAll(copy);
      w.updatedAt = Instant.now();
      if (copy.path("notification_status").has("enabled")) {
        w.enabled = true;
        w.lastListedAt = Instant.now();
      }
      return w.toJson();
    }
  }

  boolean deleteWebhook(String id) {
    synchronized (lock) {
      return webhooks.remove(id) != null;
    }
  }

  ObjectNode listEvents(JsonNode body) {
    synchronized (lock) {
      SimWebhook w = webhooks.get(body.path("webhook_id").asText());
      if (w == null) {
        return null;
      }
      w.lastListedAt = Instant.now();
      int size = body.path("page_size").asInt(100);
      size = Math.max(1, Math.min(size, 1000));
      int from = decodeToken(body.path("page_token").asText(""));
      ObjectNode out = NODES.objectNode();
      var events = out.putArray("events");
      int to = Math.min(w.events.size(), from + size);
      for (int i = from; i < to; i++) {
        events.add(w.events.get(i).deepCopy());
      }
      out.put("next_page_token", encodeToken(to));
      return out;
    }
  }

  /**
   * Records a change of a record in {@code t} on every matching webhook and pings those enabled.
   */
  void emit(
      SimTable t,
      String kind,
      ObjectNode record,
      ObjectNode previous,
      ObjectNode changes,
      Instant at) {
    for (SimWebhook w : webhooks.values()) {
      if (!w.matches(t, kind)) {
        continue;
      }
      ObjectNode e = NODES.objectNode();
      e.put("event_id", UUID.randomUUID().toString());
      e.put("kind", kind);
      e.put("event_at", SimTables.iso(at));
      ObjectNode red = e.putObject("record_event_data");
      red.put("record_id", record.path("id").asText());
      red.putObject("locator")
          .put("account_id", accountId)
          .put("solution_id", t.solutionId)
          .put("application_id", t.id);
      if (partialEventData && changes != null) {
        ObjectNode partial = NODES.objectNode().put("id", record.path("id").asText());
        changes
            .fieldNames()
            .forEachRemaining(
                f -> {
                  JsonNode v = record.get(f);
                  if (v != null) {
                    partial.set(f, v.deepCopy());
                  }
                });
        red.set("data", partial);
      } else {
        red.set("data", record.deepCopy());
      }
      if (previous != null) {
        red.set("previous", previous.deepCopy());
      }
      e.putObject("ctx").put("change_id", UUID.randomUUID().toString()).put("source", "sim");
      w.events.add(e);
      if (w.enabled && w.url() != null) {
        ObjectNode ping = NODES.objectNode().put("webhookId", w.id);
        ping.putObject("locator").put("accountId", accountId).put("solutionId", t.solutionId);
        pings.send(w.url(), ping.toString());
      }
    }
  }

  private static String encodeToken(int position) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("evt:" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static int decodeToken(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String s =
          new String(
              java.util.Base64.getUrlDecoder().decode(token),
              java.nio.charset.StandardCharsets.UTF_8);
      if (s.startsWith("evt:")) {
        return Integer.parseInt(s.substring(4));
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new SimRecordQuery.BadQuery("invalid page_token");
  }

  private SimWebhook webhook(String id) {
    SimWebhook w = webhooks.get(id);
    if (w == null) {
      throw new IllegalArgumentException("no such webhook: " + id);
    }
    return w;
  }
}
