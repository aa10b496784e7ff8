package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's webhooks, as Webflow documents them: registrations per site ({@code GET/POST
 * /v2/sites/{site_id}/webhooks}, {@code GET/DELETE /v2/webhooks/{webhook_id}},
 * webflow-openapi-v2.yml tag {@code Webhooks}; 75 per trigger type and site), and deliveries on
 * item changes: {@code POST url} with {@code {triggerType, payload: item}} (the description's
 * {@code webhooks:} section), signed with {@code x-webflow-timestamp} (ms) and {@code
 * x-webflow-signature} = hex HMAC-SHA256 of {@code timestamp:body} when a signing secret is set
 * (webflow-api.md "Webflow's own webhooks"; Webflow signs only webhooks made by an OAuth app). A
 * delivery answered other than 2xx is tried again, up to 3 times in all. Every item the API
 * creates, updates, deletes or unpublishes is delivered, and so is an edit made "in the Editor"
 * with {@link #editItem}.
 *
 * <pre>{@code
 * sim.webhooks().signWith("client-secret");
 * sim.webhooks().editItem(collectionId, itemId, fieldData); // → collection_item_changed
 * SimDelivery d = sim.webhooks().deliveries().get(0);
 * sim.webhooks().redeliver(d);                               // a replay
 * }</pre>
 *
 * <p>Thread-safe. Deliveries go out on one sender thread, in order.
 */
public final class SimWebhooks {
  static final Set<String> TRIGGERS =
      Set.of(
          "form_submission",
          "site_publish",
          "page_created",
          "page_metadata_updated",
          "page_deleted",
          "ecomm_new_order",
          "ecomm_order_changed",
          "ecomm_inventory_changed",
          "collection_item_created",
          "collection_item_changed",
          "collection_item_deleted",
          "collection_item_published",
          "collection_item_unpublished",
          "comment_created");
  static final int MAX_PER_TRIGGER = 75;
  private static final int MAX_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebflowSimulator sim;
  private final Map<String, ObjectNode> registrations = new ConcurrentHashMap<>();
  private final List<SimDelivery> deliveries = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "webflow-sim-webhooks");
            t.setDaemon(true);
            return t;
          });
  private volatile String secret;
  private int nextId;

  SimWebhooks(WebflowSimulator sim) {
    this.sim = sim;
  }

  /** Signs deliveries with {@code secret} (an OAuth app's client secret); null signs nothing. */
  public void signWith(String secret) {
    this.secret = secret;
  }

  /** The registrations of a site, as {@code GET /sites/{site_id}/webhooks} lists them. */
  public List<ObjectNode> registrations(String siteId) {
    return registrations.values().stream()
        .filter(w -> w.path("siteId").asText().equals(siteId))
        .map(ObjectNode::deepCopy)
        .toList();
  }

  /** Every delivery so far, oldest first. */
  public List<SimDelivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  /**
   * Changes an item's staged values as a person in the Webflow Editor would (no API call, no rate
   * limit), then delivers {@code collection_item_changed} to the site's webhooks.
   */
  public void editItem(String collectionId, String itemId, ObjectNode fieldData) {
    SimCollection c = sim.collection(collectionId);
    ObjectNode change = JSON.createObjectNode();
    change.put("id", itemId);
    change.set("fieldData", fieldData.deepCopy());
    ObjectNode done;
    synchronized (c) {
      done = c.json(c.update(List.of(change), false, SimCollection.now())).get(0);
    }
    itemEvent(c, "collection_item_changed", done);
  }

  /**
   * Creates an item as a person in the Webflow Editor would (staged, no API call), then delivers
   * {@code collection_item_created}.
   *
   * @return the new item's id
   */
  public String createItem(String collectionId, ObjectNode fieldData) {
    SimCollection c = sim.collection(collectionId);
    ObjectNode r = JSON.createObjectNode();
    r.set("fieldData", fieldData.deepCopy());
    r.put("isDraft", false);
    ObjectNode made;
    synchronized (c) {
      made = c.json(c.create(List.of(r), false, SimCollection.now())).get(0);
    }
    itemEvent(c, "collection_item_created", made);
    return made.get("id").asText();
  }

  /**
   * Deletes an item as a person in the Webflow Editor would (no API call), then delivers {@code
   * collection_item_deleted} with the payload the API's deletes carry.
   */
  public void deleteItem(String collectionId, String itemId) {
    SimCollection c = sim.collection(collectionId);
    c.removeDirectly(itemId);
    removed(c, List.of(itemId), false, SimCollection.now());
  }

  /** Sends a delivery again exactly as it was (same timestamp, signature and body): a replay. */
  public int redeliver(SimDelivery d) {
    return send(d.url(), d.body(), d.timestampMillis(), d.signature());
  }

  /** Sends a delivery's body again, signed for another time (a stale or a future timestamp). */
  public int redeliverAt(SimDelivery d, Instant at) {
    long ts = at.toEpochMilli();
    String s = secret;
    return send(d.url(), d.body(), ts, s == null ? null : sign(s, ts, d.body()));
  }

  // ---- the API ----

  SimRoutes.Answer list(String siteId) {
    sim.siteJson(siteId);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("webhooks");
    registrations(siteId).forEach(arr::add);
    ObjectNode page = out.putObject("pagination");
    page.put("limit", arr.size()).put("offset", 0).put("total", arr.size());
    return new SimRoutes.Answer(200, out);
  }

  synchronized SimRoutes.Answer create(String siteId, JsonNode body) {
    JsonNode site = sim.siteJson(siteId);
    if (body == null || !body.isObject()) {
      throw SimError.badRequest("Request is malformed");
    }
    String trigger = body.path("triggerType").asText("");
    if (!TRIGGERS.contains(trigger)) {
      throw SimError.validation("triggerType", "Unsupported webhook trigger type: " + trigger);
    }
    String url = body.path("url").asText("");
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw SimError.validation("url", "url must be an absolute http(s) URL");
    }
    long same =
        registrations(siteId).stream()
            .filter(w -> w.path("triggerType").asText().equals(trigger))
            .count();
    if (same >= MAX_PER_TRIGGER) {
      throw SimError.validation("triggerType", "Limit of 75 registrations per triggerType");
    }
    ObjectNode w = JSON.createObjectNode();
    w.put("id", String.format("%08x%016x", siteId.hashCode(), ++nextId));
    w.put("triggerType", trigger);
    w.put("url", url);
    w.put("workspaceId", site.path("workspaceId").asText());
    w.put("siteId", siteId);
    w.putNull("filter");
    w.putNull("lastTriggered");
    w.put("createdOn", Instant.now().toString());
    registrations.put(w.get("id").asText(), w);
    return new SimRoutes.Answer(201, w.deepCopy());
  }

  SimRoutes.Answer get(String webhookId) {
    ObjectNode w = registrations.get(webhookId);
    if (w == null) {
      throw SimError.notFound("resource_not_found", "Webhook not found: " + webhookId);
    }
    return new SimRoutes.Answer(200, w.deepCopy());
  }

  SimRoutes.Answer delete(String webhookId) {
    if (registrations.remove(webhookId) == null) {
      throw SimError.notFound("resource_not_found", "Webhook not found: " + webhookId);
    }
    return new SimRoutes.Answer(204, null);
  }

  // ---- deliveries ----

  /**
   * Items the API created or updated, as the request left them: the payload is the item as the
   * write's answer shows it, so both carry the same {@code lastUpdated} (Webflow documents both as
   * the item's {@code lastUpdated}).
   */
  void written(SimCollection c, List<ObjectNode> items, boolean created) {
    for (ObjectNode json : items) {
      itemEvent(c, created ? "collection_item_created" : "collection_item_changed", json);
    }
  }

  /** Items the API deleted ({@code live} false) or unpublished at {@code at}. */
  void removed(SimCollection c, List<String> ids, boolean live, Instant at) {
    for (String id : ids) {
      ObjectNode json = JSON.createObjectNode();
      json.put("id", id);
      json.put("lastUpdated", at.toString());
      itemEvent(c, live ? "collection_item_unpublished" : "collection_item_deleted", json);
    }
  }

  private void itemEvent(SimCollection c, String trigger, ObjectNode item) {
    List<ObjectNode> targets =
        registrations(c.siteId).stream()
            .filter(w -> w.path("triggerType").asText().equals(trigger))
            .toList();
    if (targets.isEmpty()) {
      return;
    }
    ObjectNode payload = item.deepCopy();
    payload.put("siteId", c.siteId);
    payload.put("workspaceId", targets.get(0).path("workspaceId").asText());
    payload.put("collectionId", c.id);
    ObjectNode body = JSON.createObjectNode();
    body.put("triggerType", trigger);
    body.set("payload", payload);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    for (ObjectNode w : targets) {
      String id = w.path("id").asText();
      String url = w.path("url").asText();
      sender.execute(() -> deliver(id, url, trigger, bytes));
    }
  }

  private void deliver(String webhookId, String url, String trigger, byte[] body) {
    long ts = System.currentTimeMillis();
    String s = secret;
    String signature = s == null ? null : sign(s, ts, body);
    int status = 0;
    int attempt = 0;
    while (attempt < MAX_ATTEMPTS && (status < 200 || status > 299)) {
      attempt++;
      status = send(url, body, ts, signature);
    }
    synchronized (deliveries) {
      deliveries.add(
          new SimDelivery(webhookId, url, trigger, body, ts, signature, status, attempt));
    }
  }

  private int send(String url, byte[] body, long ts, String signature) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("x-webflow-timestamp", String.valueOf(ts))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      r.header("x-webflow-signature", signature);
    }
    try {
      return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  static String sign(String secret, long ts, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((ts + ":").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  void close() {
    sender.shutdownNow();
  }
}
