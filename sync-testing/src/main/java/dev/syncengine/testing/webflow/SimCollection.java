package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One collection's items, with Webflow's rules: the fields its {@link SimSchema} allows, unique
 * slugs, staged versus live. Every bulk operation is all-or-nothing. Thread-safe (one lock per
 * collection).
 */
final class SimCollection {
  static final int MAX_BULK = 100;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final String id;
  final String siteId;
  private volatile SimSchema schema;
  private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
  private final Map<String, String> idBySlug = new HashMap<>();
  // slugs of items deleted through the API, taken until the next site publish (when enabled)
  private final Set<String> reservedSlugs = new HashSet<>();
  private final boolean reserveDeletedSlugs;
  private final Supplier<String> ids;
  private final SimPlanLimits limits;
  private long seq;

  static final class Item {
    final String id;
    final long seq;
    final Instant createdOn;
    ObjectNode fieldData;
    ObjectNode live;
    boolean isDraft;
    boolean isArchived;
    Instant lastUpdated;
    Instant lastPublished;

    Item(String id, long seq, Instant now) {
      this.id = id;
      this.seq = seq;
      this.createdOn = now;
      this.lastUpdated = now;
    }

    SimItem view() {
      return new SimItem(
          id,
          fieldData.deepCopy(),
          live == null ? null : live.deepCopy(),
          isDraft,
          isArchived,
          createdOn,
          lastPublished);
    }
  }

  SimCollection(
      String id,
      String siteId,
      String displayName,
      String slug,
      List<SimField> fields,
      Supplier<String> ids) {
    this(id, siteId, displayName, slug, fields, ids, false);
  }

  SimCollection(
      String id,
      String siteId,
      String displayName,
      String slug,
      List<SimField> fields,
      Supplier<String> ids,
      boolean reserveDeletedSlugs) {
    this(id, siteId, displayName, slug, fields, ids, reserveDeletedSlugs, new SimPlanLimits());
  }

  SimCollection(
      String id,
      String siteId,
      String displayName,
      String slug,
      List<SimField> fields,
      Supplier<String> ids,
      boolean reserveDeletedSlugs,
      SimPlanLimits limits) {
    this.limits = limits;
    this.reserveDeletedSlugs = reserveDeletedSlugs;
    this.id = id;
    this.siteId = siteId;
    this.schema = new SimSchema(id, displayName, slug, fields, limits);
    this.ids = ids;
  }

  SimSchema schema() {
    return schema;
  }

  /** Changes the schema (a field added, replaced or removed); items keep their values. */
  synchronized void changeSchema(java.util.function.UnaryOperator<SimSchema> change) {
    schema = change.apply(schema);
  }

  /** Deletes a field and its values from every item, staged and live. */
  synchronized void deleteField(String slug) {
    schema = schema.without(slug);
    for (Item it : items.values()) {
      it.fieldData.remove(slug);
      if (it.live != null) {
        it.live.remove(slug);
      }
    }
  }

  ObjectNode schemaJson() {
    return schema.schemaJson();
  }

  ObjectNode summaryJson() {
    return schema.summaryJson();
  }

  /** A create: each element is {@code {fieldData, isDraft?, isArchived?}}. */
  synchronized List<Item> create(List<JsonNode> requested, boolean publish, Instant now) {
    checkBulk(requested.size());
    List<String[]> errors = new ArrayList<>();
    Set<String> batchSlugs = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      JsonNode fd = requested.get(i).path("fieldData");
      if (!fd.isObject()) {
        errors.add(new String[] {"fieldData", "fieldData is required"});
        continue;
      }
      schema.validate((ObjectNode) fd, true, errors);
      String s = fd.path("slug").asText("");
      if (!s.isEmpty()
          && (idBySlug.containsKey(s) || reservedSlugs.contains(s) || !batchSlugs.add(s))) {
        errors.add(new String[] {"slug", "Unique value is already in database: '" + s + "'"});
      }
    }
    if (!errors.isEmpty()) {
      throw SimError.validation(errors);
    }
    limits.checkCreate(items.size(), requested.size());
    List<Item> made = new ArrayList<>();
    for (JsonNode r : requested) {
      Item it = new Item(ids.get(), seq++, now);
      it.fieldData = ((ObjectNode) r.get("fieldData")).deepCopy();
      it.isDraft = publish ? false : r.path("isDraft").asBoolean(true);
      it.isArchived = r.path("isArchived").asBoolean(false);
      if (publish) {
        it.live = it.fieldData.deepCopy();
        it.lastPublished = now;
      }
      items.put(it.id, it);
      idBySlug.put(it.fieldData.get("slug").asText(), it.id);
      made.add(it);
    }
    return made;
  }

  /** An update: each element is {@code {id, fieldData?, isDraft?, isArchived?}}. */
  synchronized List<Item> update(List<JsonNode> requested, boolean live, Instant now) {
    checkBulk(requested.size());
    List<String[]> errors = new ArrayList<>();
    Map<String, String> newSlugs = new HashMap<>();
    for (JsonNode r : requested) {
      String itemId = r.path("id").asText("");
      Item it = items.get(itemId);
      if (it == null) {
        throw SimError.notFound("item_not_found", "Item not found: " + itemId);
      }
      if (live && it.live == null) {
        throw new SimError(
            409, "conflict", "Conflict: item " + itemId + " has never been published", List.of());
      }
      JsonNode fd = r.path("fieldData");
      if (fd.isObject()) {
        schema.validate((ObjectNode) fd, false, errors);
        if (fd.hasNonNull("slug")) {
          String s = fd.get("slug").asText();
          String owner = idBySlug.get(s);
          if ((owner != null && !owner.equals(itemId))
              || reservedSlugs.contains(s)
              || newSlugs.containsKey(s)) {
            errors.add(new String[] {"slug", "Unique value is already in database: '" + s + "'"});
          }
          newSlugs.put(s, itemId);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw SimError.validation(errors);
    }
    List<Item> out = new ArrayList<>();
    for (JsonNode r : requested) {
      Item it = items.get(r.get("id").asText());
      JsonNode fd = r.path("fieldData");
      if (fd.isObject()) {
        String oldSlug = it.fieldData.get("slug").asText();
        fd.fields().forEachRemaining(e -> it.fieldData.set(e.getKey(), e.getValue().deepCopy()));
        String newSlug = it.fieldData.get("slug").asText();
        if (!newSlug.equals(oldSlug)) {
          idBySlug.remove(oldSlug);
          idBySlug.put(newSlug, it.id);
        }
      }
      if (r.has("isDraft")) {
        it.isDraft = r.get("isDraft").asBoolean();
      }
      if (r.has("isArchived")) {
        it.isArchived = r.get("isArchived").asBoolean();
      }
      it.lastUpdated = now;
      if (live) {
        it.live = it.fieldData.deepCopy();
        it.lastPublished = now;
      }
      out.add(it);
    }
    return out;
  }

  synchronized void delete(List<String> itemIds) {
    checkBulk(itemIds.size());
    for (String i : itemIds) {
      if (!items.containsKey(i)) {
        throw SimError.notFound("item_not_found", "Item not found: " + i);
      }
    }
    for (String i : itemIds) {
      Item it = items.remove(i);
      String s = it.fieldData.get("slug").asText();
      idBySlug.remove(s);
      if (reserveDeletedSlugs) {
        reservedSlugs.add(s);
      }
    }
  }

  synchronized void unpublish(List<String> itemIds, Instant now) {
    checkBulk(itemIds.size());
    for (String i : itemIds) {
      if (!items.containsKey(i)) {
        throw SimError.notFound("item_not_found", "Item not found: " + i);
      }
    }
    for (String i : itemIds) {
      Item it = items.get(i);
      it.live = null;
      it.isDraft = true;
      it.lastUpdated = now;
    }
  }

  /** Publishes what exists; returns {published ids, errors}. */
  synchronized List<List<String>> publish(List<String> itemIds, Instant now) {
    checkBulk(itemIds.size());
    List<String> ok = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String i : itemIds) {
      Item it = items.get(i);
      if (it == null) {
        errors.add("Item not found: " + i);
      } else {
        it.live = it.fieldData.deepCopy();
        it.isDraft = false;
        it.lastPublished = now;
        ok.add(i);
      }
    }
    return List.of(ok, errors);
  }

  /** Site publish: staged non-draft items go live, archived ones leave the live site. */
  synchronized void publishSite(Instant now) {
    reservedSlugs.clear();
    for (Item it : items.values()) {
      if (it.isArchived) {
        it.live = null;
      } else if (!it.isDraft) {
        it.live = it.fieldData.deepCopy();
        it.lastPublished = now;
      }
    }
  }

  synchronized Item get(String itemId, boolean live) {
    Item it = items.get(itemId);
    if (it == null || (live && it.live == null)) {
      throw SimError.notFound("item_not_found", "Item not found: " + itemId);
    }
    return it;
  }

  /** Returns {matching items page, total}. */
  synchronized ObjectNode list(
      boolean live,
      int offset,
      int limit,
      String slugFilter,
      String nameFilter,
      String sortBy,
      String sortOrder) {
    List<Item> matching = new ArrayList<>();
    if (slugFilter != null) {
      String id = idBySlug.get(slugFilter);
      Item it = id == null ? null : items.get(id);
      if (it != null) {
        matching.add(it);
      }
    } else {
      matching.addAll(items.values());
    }
    SimItemQuery.filter(matching, live, nameFilter);
    SimItemQuery.sort(matching, sortBy, sortOrder);
    ObjectNode out = F.objectNode();
    ArrayNode arr = out.putArray("items");
    for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
      arr.add(json(matching.get(i), live));
    }
    ObjectNode p = out.putObject("pagination");
    p.put("limit", limit);
    p.put("offset", offset);
    p.put("total", matching.size());
    return out;
  }

  synchronized List<SimItem> views(boolean live) {
    List<SimItem> out = new ArrayList<>();
    for (Item it : items.values()) {
      if (!live || it.live != null) {
        out.add(it.view());
      }
    }
    return out;
  }

  /** Checks a locale variant's values against the schema (as an update's). */
  void validateVariant(ObjectNode fd, List<String[]> errors) {
    schema.validate(fd, false, errors);
  }

  synchronized void removeDirectly(String itemId) {
    Item it = items.remove(itemId);
    if (it != null) {
      idBySlug.remove(it.fieldData.get("slug").asText());
    }
  }

  /** Now to the millisecond, as Webflow's dates are ({@code '2022-11-17T17:19:43.282Z'}). */
  static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** The staged JSON of items as they are now, taken under the lock in one go. */
  synchronized List<ObjectNode> json(List<Item> its) {
    List<ObjectNode> out = new ArrayList<>(its.size());
    its.forEach(it -> out.add(json(it, false)));
    return out;
  }

  ObjectNode json(Item it, boolean live) {
    synchronized (this) {
      ObjectNode o = F.objectNode();
      o.put("id", it.id);
      o.put("cmsLocaleId", siteId.substring(0, 12) + "000000000000");
      o.put("lastPublished", it.lastPublished == null ? null : it.lastPublished.toString());
      o.put("lastUpdated", it.lastUpdated.toString());
      o.put("createdOn", it.createdOn.toString());
      o.put("isArchived", it.isArchived);
      o.put("isDraft", it.isDraft);
      o.set("fieldData", (live ? it.live : it.fieldData).deepCopy());
      return o;
    }
  }

  private static void checkBulk(int n) {
    if (n > MAX_BULK) {
      throw SimError.validation("items", "Too many items: at most 100 per request, got " + n);
    }
    if (n == 0) {
      throw SimError.validation("items", "No items given");
    }
  }
}
