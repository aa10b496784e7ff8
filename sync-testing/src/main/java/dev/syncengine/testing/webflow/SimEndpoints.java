package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each item, collection and site endpoint does to the simulator's state, and its answer.
 * Thread-safe (the collections lock themselves).
 */
final class SimEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebflowSimulator sim;
  private final SimLocaleEndpoints localized;

  SimEndpoints(WebflowSimulator sim) {
    this.sim = sim;
    this.localized = new SimLocaleEndpoints(this, sim.locales());
  }

  SimCollection col(String cid) {
    return sim.collection(cid);
  }

  SimRoutes.Answer list(String cid, boolean live, Map<String, String> q) {
    int offset = intParam(q, "offset", 0);
    int limit = intParam(q, "limit", 100);
    if (limit < 1 || limit > 100 || offset < 0) {
      throw SimError.validation("limit", "limit must be 1-100 and offset >= 0");
    }
    if (q.get("cmsLocaleId") != null && !q.get("cmsLocaleId").isEmpty()) {
      return localized.list(cid, live, q, offset, limit);
    }
    return new SimRoutes.Answer(
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

  SimRoutes.Answer create(String cid, boolean live, JsonNode b) {
    if (b == null || !b.isObject()) {
      throw SimError.badRequest("Request is malformed");
    }
    SimCollection c = col(cid);
    List<JsonNode> req = new ArrayList<>();
    if (b.has("items")) {
      b.get("items").forEach(req::add);
    } else {
      req.add(b);
    }
    List<ObjectNode> made;
    synchronized (c) {
      made = c.json(c.create(req, live, SimCollection.now()));
    }
    sim.counters().countCreated(made.size());
    written(cid, made, true);
    if (!b.has("items")) {
      return new SimRoutes.Answer(202, made.get(0).deepCopy());
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    made.forEach(it -> arr.add(it.deepCopy()));
    return new SimRoutes.Answer(202, out);
  }

  SimRoutes.Answer createBulk(String cid, JsonNode b) {
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
    List<String> secondary = localized.secondaryOf(c, b);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    List<ObjectNode> views;
    synchronized (c) {
      List<SimCollection.Item> made = c.create(req, false, SimCollection.now());
      localized.created(c, made, secondary);
      views = c.json(made);
      for (int i = 0; i < made.size(); i++) {
        arr.add(views.get(i).deepCopy());
        localized.json(c, made.get(i), secondary, arr);
      }
    }
    sim.counters().countCreated(views.size());
    written(cid, views, true);
    return new SimRoutes.Answer(202, out);
  }

  SimRoutes.Answer update(String cid, boolean live, JsonNode b) {
    if (b == null || !b.path("items").isArray()) {
      throw SimError.badRequest("items is required");
    }
    List<JsonNode> req = new ArrayList<>();
    b.get("items").forEach(req::add);
    SimCollection c = col(cid);
    if (req.stream().anyMatch(e -> localized.addressesSecondary(c, e))) {
      return localized.update(cid, live, req);
    }
    List<ObjectNode> done = updated(c, req, live);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    done.forEach(it -> arr.add(it.deepCopy()));
    return new SimRoutes.Answer(200, out);
  }

  /**
   * Applies update entries and delivers them; returns the items as the update left them, the one
   * view both the answer and the webhook deliveries show (the same {@code lastUpdated}).
   */
  List<ObjectNode> updated(SimCollection c, List<JsonNode> entries, boolean live) {
    List<ObjectNode> done;
    synchronized (c) {
      done = c.json(c.update(entries, live, SimCollection.now()));
    }
    written(c.id, done, false);
    return done;
  }

  /** A bulk delete or unpublish, {@code items[{id, cmsLocaleIds?}]}. */
  SimRoutes.Answer removeBulk(String cid, boolean live, JsonNode b) {
    List<String> ids = ids(b);
    for (JsonNode e : b.get("items")) {
      if (e.has("cmsLocaleIds")) {
        return localized.remove(cid, live, b);
      }
    }
    return remove(cid, live, ids);
  }

  SimRoutes.Answer remove(String cid, boolean live, List<String> ids) {
    Instant now = SimCollection.now();
    if (live) {
      col(cid).unpublish(ids, now);
      sim.webhooks().removed(col(cid), ids, true, now);
    } else {
      sim.webhooks().removed(col(cid), ids, false, now);
      col(cid).delete(ids);
      SimWriteListener l = sim.writeListener();
      if (l != null) {
        ids.forEach(id -> l.written(cid, id, null, now));
      }
    }
    return new SimRoutes.Answer(204, null);
  }

  /**
   * Delivers what a request created or updated to the site's webhooks and tells the write listener,
   * if any: {@code items} are the items as the request left them (its answer's view).
   */
  void written(String cid, List<ObjectNode> items, boolean created) {
    sim.webhooks().written(col(cid), items, created);
    SimWriteListener l = sim.writeListener();
    if (l == null) {
      return;
    }
    for (ObjectNode it : items) {
      l.written(
          cid,
          it.get("id").asText(),
          it.get("fieldData").deepCopy(),
          Instant.parse(it.get("lastUpdated").asText()));
    }
  }

  SimRoutes.Answer publish(String cid, JsonNode b) {
    List<String> ids = new ArrayList<>();
    if (b != null && b.path("itemIds").isArray()) {
      b.get("itemIds").forEach(i -> ids.add(i.asText()));
    } else if (b != null && b.path("items").isArray()) {
      return localized.publish(cid, b);
    } else {
      ids.addAll(ids(b));
    }
    List<List<String>> r = col(cid).publish(ids, SimCollection.now());
    ObjectNode out = JSON.createObjectNode();
    r.get(0).forEach(out.putArray("publishedItemIds")::add);
    r.get(1).forEach(out.putArray("errors")::add);
    if (!out.has("errors")) {
      out.putArray("errors");
    }
    if (!out.has("publishedItemIds")) {
      out.putArray("publishedItemIds");
    }
    return new SimRoutes.Answer(202, out);
  }

  SimRoutes.Answer sitePublish(String siteId, JsonNode b) {
    sim.publishSite(siteId);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("customDomains");
    out.put(
        "publishToWebflowSubdomain", b != null && b.path("publishToWebflowSubdomain").asBoolean());
    return new SimRoutes.Answer(202, out);
  }

  static List<String> ids(JsonNode b) {
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
}
