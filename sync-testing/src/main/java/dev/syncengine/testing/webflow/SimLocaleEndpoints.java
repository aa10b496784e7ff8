package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The item endpoints' locale parts (webflow-openapi-v2.yml): {@code cmsLocaleIds} on {@code POST
 * .../items/bulk}, {@code cmsLocaleId} on each {@code PATCH .../items} entry ("Items will only be
 * updated in the primary locale, unless a cmsLocaleId is included"), {@code items[{id,
 * cmsLocaleIds}]} on deletes, unpublishes and publishes, and the {@code cmsLocaleId} list filter
 * ("To query multiple locales, input a comma separated string"). An entry without a locale, or with
 * the primary's, is the item itself. Thread-safe.
 */
final class SimLocaleEndpoints {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final SimEndpoints api;
  private final SimLocales locales;

  SimLocaleEndpoints(SimEndpoints api, SimLocales locales) {
    this.api = api;
    this.locales = locales;
  }

  /** The secondary locales a bulk create names (checked); empty without {@code cmsLocaleIds}. */
  List<String> secondaryOf(SimCollection c, JsonNode b) {
    List<String> ids = new ArrayList<>();
    b.path("cmsLocaleIds").forEach(i -> ids.add(i.asText()));
    locales.checkKnown(c.siteId, ids, "cmsLocaleIds");
    ids.remove(locales.primary(c.siteId));
    return ids;
  }

  /** Makes the variants of just-created items; call under the collection's lock. */
  void created(SimCollection c, List<SimCollection.Item> made, List<String> secondary) {
    for (SimCollection.Item it : made) {
      for (String l : secondary) {
        locales.create(c.id, it.id, l, it.fieldData, it.isDraft, it.isArchived);
      }
    }
  }

  /** The answer entries of one created item's variants. */
  void json(SimCollection c, SimCollection.Item it, List<String> secondary, ArrayNode into) {
    for (String l : secondary) {
      into.add(locales.json(locales.get(c.id, it.id, l), false));
    }
  }

  boolean addressesSecondary(SimCollection c, JsonNode entry) {
    String l = entry.path("cmsLocaleId").asText(null);
    if (l == null || l.equals(locales.primary(c.siteId))) {
      return false;
    }
    locales.checkKnown(c.siteId, List.of(l), "cmsLocaleId");
    return true;
  }

  /** A PATCH whose entries address variants; all are checked before any is applied. */
  SimRoutes.Answer update(String cid, boolean live, List<JsonNode> entries) {
    SimCollection c = api.col(cid);
    if (entries.size() > SimCollection.MAX_BULK) {
      throw SimError.validation("items", "Too many items: at most 100 per request");
    }
    List<JsonNode> primary = new ArrayList<>();
    List<JsonNode> secondary = new ArrayList<>();
    List<String[]> errors = new ArrayList<>();
    for (JsonNode e : entries) {
      if (!addressesSecondary(c, e)) {
        primary.add(e);
        continue;
      }
      SimLocales.Variant v = locales.get(cid, e.path("id").asText(), e.get("cmsLocaleId").asText());
      if (v == null) {
        throw SimError.notFound(
            "item_not_found", "Item not found in locale: " + e.path("id").asText());
      }
      if (live && v.live == null) {
        throw new SimError(409, "conflict", "Conflict: item has never been published", List.of());
      }
      if (e.path("fieldData").isObject()) {
        c.validateVariant((ObjectNode) e.get("fieldData"), errors);
      }
      secondary.add(e);
    }
    if (!errors.isEmpty()) {
      throw SimError.validation(errors);
    }
    ObjectNode out = F.objectNode();
    ArrayNode arr = out.putArray("items");
    if (!primary.isEmpty()) {
      api.updated(c, primary, live).forEach(arr::add);
    }
    for (JsonNode e : secondary) {
      arr.add(locales.json(locales.update(cid, e, e.get("cmsLocaleId").asText(), live), false));
    }
    return new SimRoutes.Answer(200, out);
  }

  /** A delete or unpublish naming locales: each entry's locales, the item itself if named. */
  SimRoutes.Answer remove(String cid, boolean live, JsonNode b) {
    SimCollection c = api.col(cid);
    List<String> primaryIds = new ArrayList<>();
    for (JsonNode e : b.get("items")) {
      Set<String> ls = localesOf(c, e);
      if (ls.remove(locales.primary(c.siteId))) {
        primaryIds.add(e.get("id").asText());
      }
    }
    if (!primaryIds.isEmpty()) {
      api.remove(cid, live, primaryIds); // 404 for a missing item, before any variant changes
    }
    for (JsonNode e : b.get("items")) {
      Set<String> ls = localesOf(c, e);
      if (live) {
        locales.unpublish(cid, e.get("id").asText(), ls);
      } else {
        locales.delete(cid, e.get("id").asText(), ls);
      }
    }
    return new SimRoutes.Answer(204, null);
  }

  /** A publish in the "Item IDs with Locales" form. */
  SimRoutes.Answer publish(String cid, JsonNode b) {
    SimCollection c = api.col(cid);
    List<String> primaryIds = new ArrayList<>();
    for (JsonNode e : b.get("items")) {
      if (localesOf(c, e).contains(locales.primary(c.siteId))) {
        primaryIds.add(e.get("id").asText());
      }
    }
    List<List<String>> r =
        primaryIds.isEmpty()
            ? List.of(List.of(), List.of())
            : c.publish(primaryIds, SimCollection.now());
    Set<String> ok = new LinkedHashSet<>(r.get(0));
    List<String> errors = new ArrayList<>(r.get(1));
    for (JsonNode e : b.get("items")) {
      String id = e.get("id").asText();
      Set<String> ls = localesOf(c, e);
      boolean primaryOk = !ls.remove(locales.primary(c.siteId)) || ok.contains(id);
      if (!locales.publish(cid, id, ls) && primaryOk) {
        ok.remove(id);
        errors.add("Item " + id + " not found in every locale requested");
      } else if (primaryOk) {
        ok.add(id);
      }
    }
    ObjectNode out = F.objectNode();
    ok.forEach(out.putArray("publishedItemIds")::add);
    errors.forEach(out.putArray("errors")::add);
    return new SimRoutes.Answer(202, out);
  }

  /** A listing filtered by {@code cmsLocaleId=a,b}: each locale's variants, in that order. */
  SimRoutes.Answer list(String cid, boolean live, Map<String, String> q, int offset, int limit) {
    SimCollection c = api.col(cid);
    List<String> wanted = List.of(q.get("cmsLocaleId").split(","));
    locales.checkKnown(c.siteId, wanted, "cmsLocaleId");
    String slug = q.get("slug");
    List<JsonNode> all = new ArrayList<>();
    for (String l : wanted) {
      if (l.equals(locales.primary(c.siteId))) {
        c.list(live, 0, Integer.MAX_VALUE, slug, q.get("name"), null, null)
            .get("items")
            .forEach(all::add);
        continue;
      }
      for (SimLocales.Variant v : locales.list(cid, l, live)) {
        ObjectNode j = locales.json(v, live);
        if (slug == null || slug.equals(j.path("fieldData").path("slug").asText())) {
          all.add(j);
        }
      }
    }
    ObjectNode out = F.objectNode();
    ArrayNode arr = out.putArray("items");
    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
      arr.add(all.get(i));
    }
    ObjectNode p = out.putObject("pagination");
    p.put("limit", limit);
    p.put("offset", offset);
    p.put("total", all.size());
    return new SimRoutes.Answer(200, out);
  }

  /** An entry's {@code cmsLocaleIds} (checked); none given: the primary only. */
  private Set<String> localesOf(SimCollection c, JsonNode entry) {
    Set<String> ls = new LinkedHashSet<>();
    if (!entry.hasNonNull("id")) {
      throw SimError.validation("id", "id is required");
    }
    entry.path("cmsLocaleIds").forEach(l -> ls.add(l.asText()));
    if (ls.isEmpty()) {
      ls.add(locales.primary(c.siteId));
    }
    locales.checkKnown(c.siteId, ls, "cmsLocaleIds");
    return ls;
  }
}
