package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes, authenticates, rate-limits and fault-injects each request. Thread-safe. */
final class SimHttpHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Exchange attributes are context-wide in some JDKs; one exchange is served on one thread.
  private final ThreadLocal<RecordedRequest> pending = new ThreadLocal<>();
  private final WebflowSimulator sim;

  SimHttpHandler(WebflowSimulator sim) {
    this.sim = sim;
  }

  /** A matched route: what to count and how to answer. */
  private record Route(SimOperation op, Action action) {}

  @FunctionalInterface
  private interface Action {
    Answer run(JsonNode body, Map<String, String> query);
  }

  private record Answer(int status, JsonNode body) {}

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String rawQuery = ex.getRequestURI().getRawQuery();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    pending.set(new RecordedRequest(method, path, rawQuery, body, 0));
    try {
      serve(ex, method, path, rawQuery, body);
    } catch (RuntimeException e) {
      sendError(ex, new SimError(500, "internal_error", "Simulator bug: " + e, List.of()), null);
    } finally {
      recordOnce(ex, 0); // a dropped connection
      ex.close();
    }
  }

  private int serve(HttpExchange ex, String method, String path, String rawQuery, String body)
      throws IOException {
    Route route = route(method, path);
    SimOperation op = route == null ? null : route.op();
    sim.countRequest(op);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !sim.acceptsToken(auth.substring(7))) {
      sendError(ex, new SimError(401, "not_authorized", "Request not authorized", List.of()), null);
      return 401;
    }
    String token = auth.substring(7);
    SimRateLimiter.Decision d = sim.rateLimiter().take(token);
    if (!d.allowed()) {
      sim.countRateLimited();
      ex.getResponseHeaders().set("Retry-After", Long.toString(d.retryAfterSeconds()));
      sendError(ex, new SimError(429, "too_many_requests", "Too Many Requests", List.of()), d);
      return 429;
    }
    if (route == null) {
      sendError(ex, SimError.notFound("route_not_found", method + " " + path), d);
      return 404;
    }
    Fault fault = sim.pickFault(op);
    if (fault != null) {
      switch (fault.kind()) {
        case SERVER_ERROR -> {
          sendError(
              ex,
              new SimError(fault.status(), "internal_error", "Injected server error", List.of()),
              d);
          return fault.status();
        }
        case TIMEOUT -> {
          sleep(fault.delay().toMillis());
          return 0; // handle() closes the exchange: the connection drops, nothing applied
        }
        case LATENCY -> sleep(fault.delay().toMillis());
        case RESPONSE_LOST_AFTER_COMMIT -> {
          try {
            route.action().run(parse(body), query(rawQuery));
          } catch (SimError ignored) {
            // It failed anyway; the caller still hears nothing.
          }
          return 0;
        }
      }
    }
    if (sim.baseLatencyMillis() > 0) {
      sleep(sim.baseLatencyMillis());
    }
    try {
      Answer a = route.action().run(parse(body), query(rawQuery));
      send(ex, a.status(), a.body(), d);
      return a.status();
    } catch (SimError e) {
      sendError(ex, e, d);
      return e.status;
    }
  }

  private Route route(String method, String path) {
    if (!path.startsWith("/v2/")) {
      return null;
    }
    String[] p = path.substring(4).split("/");
    int n = p.length;
    if (p[0].equals("sites")) {
      if (n == 1 && method.equals("GET")) {
        return new Route(SimOperation.LIST_SITES, (b, q) -> new Answer(200, sim.sitesJson()));
      }
      if (n == 2 && method.equals("GET")) {
        return new Route(SimOperation.GET_SITE, (b, q) -> new Answer(200, sim.siteJson(p[1])));
      }
      if (n == 3 && p[2].equals("collections") && method.equals("GET")) {
        return new Route(
            SimOperation.LIST_COLLECTIONS, (b, q) -> new Answer(200, sim.collectionsJson(p[1])));
      }
      if (n == 3 && p[2].equals("publish") && method.equals("POST")) {
        return new Route(SimOperation.PUBLISH_SITE, (b, q) -> sitePublish(p[1], b));
      }
      return null;
    }
    if (!p[0].equals("collections") || n < 2) {
      return null;
    }
    String cid = p[1];
    if (n == 2) {
      return method.equals("GET")
          ? new Route(SimOperation.GET_COLLECTION, (b, q) -> new Answer(200, col(cid).schemaJson()))
          : null;
    }
    if (!p[2].equals("items")) {
      return null;
    }
    boolean liveSuffix = n == 4 && p[3].equals("live");
    if (n == 3 || liveSuffix) {
      boolean live = liveSuffix;
      return switch (method) {
        case "GET" -> new Route(SimOperation.LIST_ITEMS, (b, q) -> list(cid, live, q));
        case "POST" -> new Route(SimOperation.CREATE_ITEMS, (b, q) -> create(cid, live, b));
        case "PATCH" -> new Route(SimOperation.UPDATE_ITEMS, (b, q) -> update(cid, live, b));
        case "DELETE" ->
            new Route(
                live ? SimOperation.UNPUBLISH_ITEMS : SimOperation.DELETE_ITEMS,
                (b, q) -> remove(cid, live, ids(b)));
        default -> null;
      };
    }
    if (n == 4 && p[3].equals("bulk") && method.equals("POST")) {
      return new Route(SimOperation.CREATE_ITEMS, (b, q) -> createBulk(cid, b));
    }
    if (n == 4 && p[3].equals("publish") && method.equals("POST")) {
      return new Route(SimOperation.PUBLISH_ITEMS, (b, q) -> publish(cid, b));
    }
    if (n == 4 || (n == 5 && p[4].equals("live"))) {
      String itemId = p[3];
      boolean live = n == 5;
      return switch (method) {
        case "GET" ->
            new Route(
                SimOperation.GET_ITEM,
                (b, q) -> new Answer(200, col(cid).json(col(cid).get(itemId, live), live)));
        case "PATCH" ->
            new Route(
                SimOperation.UPDATE_ITEMS,
                (b, q) -> {
                  ObjectNode one =
                      b == null ? JSON.createObjectNode() : ((ObjectNode) b).deepCopy();
                  one.put("id", itemId);
                  var done = col(cid).update(List.of(one), live, Instant.now());
                  written(cid, done);
                  return new Answer(200, col(cid).json(done.get(0), false));
                });
        case "DELETE" ->
            new Route(
                live ? SimOperation.UNPUBLISH_ITEMS : SimOperation.DELETE_ITEMS,
                (b, q) -> remove(cid, live, List.of(itemId)));
        default -> null;
      };
    }
    return null;
  }

  private SimCollection col(String cid) {
    return sim.collection(cid);
  }

  private Answer list(String cid, boolean live, Map<String, String> q) {
    int offset = intParam(q, "offset", 0);
    int limit = intParam(q, "limit", 100);
    if (limit < 1 || limit > 100 || offset < 0) {
      throw SimError.validation("limit", "limit must be 1-100 and offset >= 0");
    }
    return new Answer(
        200,
        col(cid)
            .list(
                live,
                offset,
                limit,
                q.get("slug"),
                q.get("name"),
                q.get("sortBy"),
                q.get("sortOrder")));
  }

  private Answer create(String cid, boolean live, JsonNode b) {
    if (b == null || !b.isObject()) {
      throw SimError.badRequest("Request is malformed");
    }
    SimCollection c = col(cid);
    if (b.has("items")) {
      List<JsonNode> req = new ArrayList<>();
      b.get("items").forEach(req::add);
      List<SimCollection.Item> made = c.create(req, live, Instant.now());
      sim.countCreated(made.size());
      written(cid, made);
      ObjectNode out = JSON.createObjectNode();
      ArrayNode arr = out.putArray("items");
      made.forEach(it -> arr.add(c.json(it, false)));
      return new Answer(202, out);
    }
    List<SimCollection.Item> made = c.create(List.of(b), live, Instant.now());
    sim.countCreated(1);
    written(cid, made);
    return new Answer(202, c.json(made.get(0), false));
  }

  private Answer createBulk(String cid, JsonNode b) {
    if (b == null || !b.path("fieldData").isContainerNode()) {
      throw SimError.badRequest("fieldData is required");
    }
    List<JsonNode> req = new ArrayList<>();
    JsonNode fd = b.get("fieldData");
    for (JsonNode one : fd.isArray() ? fd : JSON.createArrayNode().add(fd)) {
      ObjectNode r = JSON.createObjectNode();
      r.set("fieldData", one);
      r.put("isDraft", b.path("isDraft").asBoolean(true));
      r.put("isArchived", b.path("isArchived").asBoolean(false));
      req.add(r);
    }
    SimCollection c = col(cid);
    List<SimCollection.Item> made = c.create(req, false, Instant.now());
    sim.countCreated(made.size());
    written(cid, made);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    made.forEach(it -> arr.add(c.json(it, false)));
    return new Answer(202, out);
  }

  private Answer update(String cid, boolean live, JsonNode b) {
    if (b == null || !b.path("items").isArray()) {
      throw SimError.badRequest("items is required");
    }
    List<JsonNode> req = new ArrayList<>();
    b.get("items").forEach(req::add);
    SimCollection c = col(cid);
    List<SimCollection.Item> done = c.update(req, live, Instant.now());
    written(cid, done);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    done.forEach(it -> arr.add(c.json(it, false)));
    return new Answer(200, out);
  }

  private Answer remove(String cid, boolean live, List<String> ids) {
    if (live) {
      col(cid).unpublish(ids, Instant.now());
    } else {
      col(cid).delete(ids);
      WebflowSimulator.WriteListener l = sim.writeListener();
      if (l != null) {
        Instant now = Instant.now();
        ids.forEach(id -> l.written(cid, id, null, now));
      }
    }
    return new Answer(204, null);
  }

  /** Tells the write listener, if any, what a request created or updated. */
  private void written(String cid, List<SimCollection.Item> items) {
    WebflowSimulator.WriteListener l = sim.writeListener();
    if (l == null) {
      return;
    }
    SimCollection c = col(cid);
    for (SimCollection.Item it : items) {
      ObjectNode fieldData;
      Instant at;
      synchronized (c) { // items change under the collection's lock
        fieldData = it.fieldData.deepCopy();
        at = it.lastUpdated;
      }
      l.written(cid, it.id, fieldData, at);
    }
  }

  private Answer publish(String cid, JsonNode b) {
    List<String> ids = new ArrayList<>();
    if (b != null && b.path("itemIds").isArray()) {
      b.get("itemIds").forEach(i -> ids.add(i.asText()));
    } else {
      ids.addAll(ids(b));
    }
    List<List<String>> r = col(cid).publish(ids, Instant.now());
    ObjectNode out = JSON.createObjectNode();
    r.get(0).forEach(out.putArray("publishedItemIds")::add);
    r.get(1).forEach(out.putArray("errors")::add);
    if (!out.has("errors")) {
      out.putArray("errors");
    }
    if (!out.has("publishedItemIds")) {
      out.putArray("publishedItemIds");
    }
    return new Answer(202, out);
  }

  private Answer sitePublish(String siteId, JsonNode b) {
    sim.publishSite(siteId);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("customDomains");
    out.put(
        "publishToWebflowSubdomain", b != null && b.path("publishToWebflowSubdomain").asBoolean());
    return new Answer(202, out);
  }

  private static List<String> ids(JsonNode b) {
    if (b == null || !b.path("items").isArray()) {
      throw SimError.badRequest("items is required");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode i : b.get("items")) {
      if (!i.hasNonNull("id")) {
        throw SimError.validation("id", "id is required");
      }
      ids.add(i.get("id").asText());
    }
    return ids;
  }

  private static int intParam(Map<String, String> q, String name, int dflt) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw SimError.validation(name, name + " must be an integer");
    }
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw SimError.badRequest("Request body is not JSON");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendError(HttpExchange ex, SimError e, SimRateLimiter.Decision d)
      throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", e.code);
    o.put("message", e.getMessage());
    o.putNull("externalReference");
    ArrayNode details = o.putArray("details");
    for (String[] det : e.details) {
      details.addObject().put("param", det[0]).put("description", det[1]);
    }
    send(ex, e.status, o, d);
  }

  /** Records before answering, so a test that has its answer also sees the request. */
  private void recordOnce(HttpExchange ex, int status) {
    RecordedRequest r = pending.get();
    if (r != null) {
      pending.remove();
      sim.record(new RecordedRequest(r.method(), r.path(), r.query(), r.body(), status));
    }
  }

  private void send(HttpExchange ex, int status, JsonNode body, SimRateLimiter.Decision d)
      throws IOException {
    recordOnce(ex, status);
    if (d != null && d.limit() > 0) {
      ex.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(d.limit()));
      ex.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(d.remaining()));
    }
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
