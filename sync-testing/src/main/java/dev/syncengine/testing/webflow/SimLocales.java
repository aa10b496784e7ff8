package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Localization in the simulator, as webflow-openapi-v2.yml describes it: a site lists its locales
 * under {@code locales.primary} and {@code locales.secondary[]}, each with a {@code cmsLocaleId};
 * an item has a variant per locale under the same item id. The primary variant is the item itself;
 * this class keeps the secondary ones. A variant exists once a create across locales ({@code POST
 * .../items/bulk} with {@code cmsLocaleIds}) made it, and leaves only when a delete names its
 * locale ("Items will only be deleted in the primary locale unless a cmsLocaleId is included"), so
 * a delete of the primary alone leaves the other variants behind, as the docs say.
 *
 * <pre>{@code
 * String fr = sim.locales().add(site, "fr-FR", "French");
 * List<SimItem> french = sim.locales().items(collection, fr);
 * }</pre>
 *
 * <p>Thread-safe (one lock).
 */
public final class SimLocales {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final WebflowSimulator sim;
  // collection id -> item id -> cmsLocaleId -> variant
  private final Map<String, Map<String, Map<String, Variant>>> variants = new HashMap<>();

  static final class Variant {
    final String itemId;
    final String cmsLocaleId;
    final Instant createdOn;
    ObjectNode fieldData;
    ObjectNode live;
    boolean isDraft;
    boolean isArchived;
    Instant lastUpdated;
    Instant lastPublished;

    Variant(String itemId, String cmsLocaleId, Instant now) {
      this.itemId = itemId;
      this.cmsLocaleId = cmsLocaleId;
      this.createdOn = now;
      this.lastUpdated = now;
    }
  }

  SimLocales(WebflowSimulator sim) {
    this.sim = sim;
  }

  /**
   * Adds a secondary locale to a site; returns its {@code cmsLocaleId}.
   *
   * @throws SimError for an unknown site
   */
  public synchronized String add(String siteId, String tag, String displayName) {
    ObjectNode site = (ObjectNode) sim.siteJson(siteId);
    var secondary = site.with("locales").withArray("secondary");
    String n = String.format("%012x", secondary.size() + 1);
    ObjectNode l = secondary.addObject();
    l.put("id", siteId.substring(0, 12) + "2" + n.substring(1));
    l.put("cmsLocaleId", siteId.substring(0, 12) + n);
    l.put("enabled", true);
    l.put("displayName", displayName);
    l.putNull("displayImageId");
    l.put("redirect", true);
    l.put("subdirectory", tag.toLowerCase());
    l.put("tag", tag);
    return l.get("cmsLocaleId").asText();
  }

  /** An item's variants in one secondary locale, in creation order (primary: use the items). */
  public synchronized List<SimItem> items(String collectionId, String cmsLocaleId) {
    List<SimItem> out = new ArrayList<>();
    for (Map<String, Variant> byLocale : of(collectionId).values()) {
      Variant v = byLocale.get(cmsLocaleId);
      if (v != null) {
        out.add(
            new SimItem(
                v.itemId,
                v.fieldData.deepCopy(),
                v.live == null ? null : v.live.deepCopy(),
                v.isDraft,
                v.isArchived,
                v.createdOn,
                v.lastPublished));
      }
    }
    return out;
  }

  /** The site's primary {@code cmsLocaleId}. */
  String primary(String siteId) {
    return sim.siteJson(siteId).path("locales").path("primary").path("cmsLocaleId").asText();
  }

  /** Whether {@code cmsLocaleId} is one of the site's secondary locales. */
  synchronized boolean isSecondary(String siteId, String cmsLocaleId) {
    for (JsonNode l : sim.siteJson(siteId).path("locales").path("secondary")) {
      if (l.path("cmsLocaleId").asText().equals(cmsLocaleId)) {
        return true;
      }
    }
    return false;
  }

  /** Fails with 400 unless every id is a locale of the site. */
  void checkKnown(String siteId, Iterable<String> cmsLocaleIds, String param) {
    for (String id : cmsLocaleIds) {
      if (!id.equals(primary(siteId)) && !isSecondary(siteId, id)) {
        throw SimError.validation(param, "Unknown cmsLocaleId: " + id);
      }
    }
  }

  private Map<String, Map<String, Variant>> of(String cid) {
    return variants.computeIfAbsent(cid, k -> new LinkedHashMap<>());
  }

  synchronized Variant get(String cid, String itemId, String cmsLocaleId) {
    Map<String, Variant> byLocale = of(cid).get(itemId);
    return byLocale == null ? null : byLocale.get(cmsLocaleId);
  }

  /** Variant {@code cmsLocaleId} of a just-created item, a copy of its values. */
  synchronized Variant create(
      String cid,
      String itemId,
      String cmsLocaleId,
      ObjectNode fd,
      boolean draft,
      boolean archived) {
    Variant v = new Variant(itemId, cmsLocaleId, SimCollection.now());
    v.fieldData = fd.deepCopy();
    v.isDraft = draft;
    v.isArchived = archived;
    of(cid).computeIfAbsent(itemId, k -> new LinkedHashMap<>()).put(cmsLocaleId, v);
    return v;
  }

  /** Applies one PATCH entry to a variant that exists. */
  synchronized Variant update(String cid, JsonNode entry, String cmsLocaleId, boolean live) {
    Variant v = get(cid, entry.path("id").asText(), cmsLocaleId);
    JsonNode fd = entry.path("fieldData");
    if (fd.isObject()) {
      fd.fields().forEachRemaining(e -> v.fieldData.set(e.getKey(), e.getValue().deepCopy()));
    }
    if (entry.has("isDraft")) {
      v.isDraft = entry.get("isDraft").asBoolean();
    }
    if (entry.has("isArchived")) {
      v.isArchived = entry.get("isArchived").asBoolean();
    }
    v.lastUpdated = SimCollection.now();
    if (live) {
      publish(v);
    }
    return v;
  }

  synchronized void delete(String cid, String itemId, Set<String> cmsLocaleIds) {
    Map<String, Variant> byLocale = of(cid).get(itemId);
    if (byLocale != null) {
      byLocale.keySet().removeAll(cmsLocaleIds);
    }
  }

  synchronized void unpublish(String cid, String itemId, Set<String> cmsLocaleIds) {
    for (String l : cmsLocaleIds) {
      Variant v = get(cid, itemId, l);
      if (v != null) {
        v.live = null;
        v.isDraft = true;
        v.lastUpdated = SimCollection.now();
      }
    }
  }

  /** Publishes the named variants; false when one does not exist. */
  synchronized boolean publish(String cid, String itemId, Set<String> cmsLocaleIds) {
    boolean all = true;
    for (String l : cmsLocaleIds) {
      Variant v = get(cid, itemId, l);
      if (v == null) {
        all = false;
      } else {
        publish(v);
      }
    }
    return all;
  }

  private static void publish(Variant v) {
    v.live = v.fieldData.deepCopy();
    v.isDraft = false;
    v.lastPublished = SimCollection.now();
  }

  /** The variants of {@code cmsLocaleId}, staged or live, in creation order. */
  synchronized List<Variant> list(String cid, String cmsLocaleId, boolean live) {
    List<Variant> out = new ArrayList<>();
    for (Map<String, Variant> byLocale : of(cid).values()) {
      Variant v = byLocale.get(cmsLocaleId);
      if (v != null && (!live || v.live != null)) {
        out.add(v);
      }
    }
    return out;
  }

  synchronized ObjectNode json(Variant v, boolean live) {
    ObjectNode o = F.objectNode();
    o.put("id", v.itemId);
    o.put("cmsLocaleId", v.cmsLocaleId);
    o.put("lastPublished", v.lastPublished == null ? null : v.lastPublished.toString());
    o.put("lastUpdated", v.lastUpdated.toString());
    o.put("createdOn", v.createdOn.toString());
    o.put("isArchived", v.isArchived);
    o.put("isDraft", v.isDraft);
    o.set("fieldData", (live ? v.live : v.fieldData).deepCopy());
    return o;
  }
}
