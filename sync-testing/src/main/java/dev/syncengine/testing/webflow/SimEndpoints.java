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
    if (b.has("items")) {
      List<JsonNode> req = new ArrayList<>();
      b.get("items").forEach(req::add);
      List<SimCollection.Item> made = c.create(req, live, Instant.now());
      sim.counters().countCreated(made.size());
      written(cid, made);
      ObjectNode out = JSON.createObjectNode();
      ArrayNode arr = out.putArray("items");
      made.forEach(it -> arr.add(c.json(it, false)));
      return new SimRoutes.Answer(202, out);
    }
    List<SimCollection.Item> made = c.create(List.of(b), live, Instant.now());
    sim.counters().countCreated(1);
    written(cid, made);
    return new SimRoutes.Answer(202, c.json(made.get(0), false));
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
    List<SimCollection.Item> made;
    synchronized (c) {
      made = c.create(req, false, Instant.now());
      localized.created(c, made, secondary);
    }
    sim.counters().countCreated(made.size());
    written(cid, made);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    made.forEach(
        it -> {
          arr.add(c.json(it, false));
          localized.json(c, it, secondary, arr);
        });
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
    List<SimCollection.Item> done = c.update(req, live, Instant.now());
    written(cid, done);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("items");
    done.forEach(it -> arr.add(c.json(it, false)));
    return new SimRoutes.Answer(200, out);
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
    if (live) {
      col(cid).unpublish(ids, Instant.now());
      sim.webhooks().removed(col(cid), ids, true);
    } else {
      sim.webhooks().removed(col(cid), ids, false);
      col(cid).delete(ids);
      SimWriteListener l = sim.writeListener();
      if (l != null) {
        Instant now = Instant.now();
        ids.forEach(id -> l.written(cid, id, null, now));
      }
    }
    return new SimRoutes.Answer(204, null);
  }

  /** Tells the write listener, if any, what a request created or updated. */
  void written(String cid, List<SimCollection.Item> items) {
    sim.webhooks().written(col(cid), items);
    SimWriteListener l = sim.writeListener();
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

  SimRoutes.Answer publish(String cid, JsonNode b) {
    List<String> ids = new ArrayList<>();
    if (b != null && b.path("itemIds").isArray()) {
      b.get("itemIds").forEach(i -> ids.add(i.asText()));
    } else if (b != null && b.path("items").isArray()) {
      return localized.publish(cid, b);
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
