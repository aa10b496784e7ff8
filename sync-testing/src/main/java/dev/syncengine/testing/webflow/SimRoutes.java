package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Matches a request's method and path to the operation it counts as and the action that answers.
 */
final class SimRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebflowSimulator sim;
  private final SimEndpoints api;
  private final SimSchemaRoutes schema;

  SimRoutes(WebflowSimulator sim) {
    this.sim = sim;
    this.api = new SimEndpoints(sim);
    this.schema = new SimSchemaRoutes(sim);
  }

  /** A matched route: what to count and how to answer. */
  record Route(SimOperation op, Action action) {}

  @FunctionalInterface
  interface Action {
    Answer run(JsonNode body, Map<String, String> query);
  }

  /** An answer: status and body (null: none). */
  record Answer(int status, JsonNode body) {}

  /** The route of {@code method path}, or null when there is none. */
  Route route(String method, String path) {
    if (!path.startsWith("/v2/")) {
      return null;
    }
    String[] p = path.substring(4).split("/");
    if (p[0].equals("sites")) {
      return siteRoute(method, p);
    }
    if (p[0].equals("webhooks") && p.length == 2) {
      return webhookRoute(method, p[1]);
    }
    if (!p[0].equals("collections") || p.length < 2) {
      return null;
    }
    if (p.length == 2) {
      String cid = p[1];
      return method.equals("GET")
          ? new Route(
              SimOperation.GET_COLLECTION, (b, q) -> new Answer(200, api.col(cid).schemaJson()))
          : null;
    }
    if (p[2].equals("fields")) {
      return schema.fields(method, p);
    }
    if (!p[2].equals("items")) {
      return null;
    }
    return itemsRoute(method, p);
  }

  /** {@code /sites}, {@code /sites/{id}}, {@code .../collections} and {@code .../publish}. */
  private Route siteRoute(String method, String[] p) {
    int n = p.length;
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
    if (n == 3 && p[2].equals("collections") && method.equals("POST")) {
      return schema.createCollection(p[1]);
    }
    if (n == 3 && p[2].equals("webhooks")) {
      return switch (method) {
        case "GET" -> new Route(SimOperation.LIST_WEBHOOKS, (b, q) -> sim.webhooks().list(p[1]));
        case "POST" ->
            new Route(SimOperation.CREATE_WEBHOOK, (b, q) -> sim.webhooks().create(p[1], b));
        default -> null;
      };
    }
    if (n == 3 && p[2].equals("publish") && method.equals("POST")) {
      return new Route(SimOperation.PUBLISH_SITE, (b, q) -> api.sitePublish(p[1], b));
    }
    return null;
  }

  /** {@code /webhooks/{webhook_id}}. */
  private Route webhookRoute(String method, String id) {
    return switch (method) {
      case "GET" -> new Route(SimOperation.GET_WEBHOOK, (b, q) -> sim.webhooks().get(id));
      case "DELETE" -> new Route(SimOperation.DELETE_WEBHOOK, (b, q) -> sim.webhooks().delete(id));
      default -> null;
    };
  }

  /** Everything under {@code /collections/{id}/items}. */
  private Route itemsRoute(String method, String[] p) {
    int n = p.length;
    String cid = p[1];
    boolean liveSuffix = n == 4 && p[3].equals("live");
    if (n == 3 || liveSuffix) {
      return bulkRoute(method, cid, liveSuffix);
    }
    if (n == 4 && p[3].equals("bulk") && method.equals("POST")) {
      return new Route(SimOperation.CREATE_ITEMS, (b, q) -> api.createBulk(cid, b));
    }
    if (n == 4 && p[3].equals("publish") && method.equals("POST")) {
      return new Route(SimOperation.PUBLISH_ITEMS, (b, q) -> api.publish(cid, b));
    }
    if (n == 4 || (n == 5 && p[4].equals("live"))) {
      return oneItemRoute(method, cid, p[3], n == 5);
    }
    return null;
  }

  /** {@code /collections/{id}/items} and its {@code /live} twin. */
  private Route bulkRoute(String method, String cid, boolean live) {
    return switch (method) {
      case "GET" -> new Route(SimOperation.LIST_ITEMS, (b, q) -> api.list(cid, live, q));
      case "POST" -> new Route(SimOperation.CREATE_ITEMS, (b, q) -> api.create(cid, live, b));
      case "PATCH" -> new Route(SimOperation.UPDATE_ITEMS, (b, q) -> api.update(cid, live, b));
      case "DELETE" ->
          new Route(
              live ? SimOperation.UNPUBLISH_ITEMS : SimOperation.DELETE_ITEMS,
              (b, q) -> api.removeBulk(cid, live, b));
      default -> null;
    };
  }

  /** {@code /collections/{id}/items/{item_id}} and its {@code /live} twin. */
  private Route oneItemRoute(String method, String cid, String itemId, boolean live) {
    return switch (method) {
      case "GET" ->
          new Route(
              SimOperation.GET_ITEM,
              (b, q) -> new Answer(200, api.col(cid).json(api.col(cid).get(itemId, live), live)));
      case "PATCH" ->
          new Route(
              SimOperation.UPDATE_ITEMS,
              (b, q) -> {
                ObjectNode one = b == null ? JSON.createObjectNode() : ((ObjectNode) b).deepCopy();
                one.put("id", itemId);
                return new Answer(200, api.updated(api.col(cid), List.of(one), live).get(0));
              });
      case "DELETE" ->
          new Route(
              live ? SimOperation.UNPUBLISH_ITEMS : SimOperation.DELETE_ITEMS,
              (b, q) -> api.remove(cid, live, List.of(itemId)));
      default -> null;
    };
  }
}
