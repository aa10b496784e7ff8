package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One collection's schema and items, with Webflow's rules: required fields, field types, unique
 * slugs, staged versus live. Every bulk operation is all-or-nothing. Thread-safe (one lock per
 * collection).
 */
final class SimCollection {
  static final int MAX_BULK = 100;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final String id;
  final String siteId;
  final String displayName;
  final String slug;
  final List<SimField> fields;
  private final Map<String, SimField> fieldsBySlug = new HashMap<>();
  private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
  private final Map<String, String> idBySlug = new HashMap<>();
  // slugs of items deleted through the API, taken until the next site publish (when enabled)
  private final Set<String> reservedSlugs = new HashSet<>();
  private final boolean reserveDeletedSlugs;
  private final Supplier<String> ids;
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
    this.reserveDeletedSlugs = reserveDeletedSlugs;
    this.id = id;
    this.siteId = siteId;
    this.displayName = displayName;
    this.slug = slug;
    List<SimField> all = new ArrayList<>();
    if (fields.stream().noneMatch(f -> f.slug().equals("name"))) {
      all.add(SimField.required("name", "PlainText"));
    }
    if (fields.stream().noneMatch(f -> f.slug().equals("slug"))) {
      all.add(SimField.required("slug", "PlainText"));
    }
    all.addAll(fields);
    this.fields = List.copyOf(all);
    this.fields.forEach(f -> fieldsBySlug.put(f.slug(), f));
    this.ids = ids;
  }

  ObjectNode schemaJson() {
    ObjectNode o = summaryJson();
    ArrayNode arr = o.putArray("fields");
    int i = 0;
    for (SimField f : fields) {
      ObjectNode fj = arr.addObject();
      fj.put("id", id.substring(0, 16) + String.format("%08x", i++));
      fj.put("isEditable", true);
      fj.put("isRequired", f.required());
      fj.put("type", f.type());
      fj.put("slug", f.slug());
      fj.put("displayName", f.slug());
      fj.set("validations", f.validations().isEmpty() ? F.nullNode() : f.validations());
    }
    return o;
  }

  ObjectNode summaryJson() {
    ObjectNode o = F.objectNode();
    o.put("id", id);
    o.put("displayName", displayName);
    o.put("singularName", displayName);
    o.put("slug", slug);
    o.put("createdOn", "2024-01-01T00:00:00.000Z");
    o.put("lastUpdated", "2024-01-01T00:00:00.000Z");
    return o;
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
      validateFields((ObjectNode) fd, true, null, errors);
      String s = fd.path("slug").asText("");
      if (!s.isEmpty()
          && (idBySlug.containsKey(s) || reservedSlugs.contains(s) || !batchSlugs.add(s))) {
        errors.add(new String[] {"slug", "Unique value is already in database: '" + s + "'"});
      }
    }
    if (!errors.isEmpty()) {
      throw SimError.validation(errors);
    }
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
        validateFields((ObjectNode) fd, false, it, errors);
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
    matching.removeIf(
        it ->
            (live && it.live == null)
                || (nameFilter != null
                    && !nameFilter.equals((live ? it.live : it.fieldData).path("name").asText())));
    if (sortBy != null) {
      Comparator<Item> c =
          switch (sortBy) {
            case "createdOn" -> Comparator.comparing((Item it) -> it.createdOn);
            case "lastUpdated" -> Comparator.comparing((Item it) -> it.lastUpdated);
            case "lastPublished" ->
                Comparator.comparing(
                    (Item it) -> it.lastPublished == null ? Instant.EPOCH : it.lastPublished);
            case "name" -> Comparator.comparing((Item it) -> it.fieldData.path("name").asText());
            case "slug" -> Comparator.comparing((Item it) -> it.fieldData.path("slug").asText());
            default -> throw SimError.badRequest("sortBy " + sortBy);
          };
      c = c.thenComparingLong(it -> it.seq);
      matching.sort("desc".equals(sortOrder) ? c.reversed() : c);
    }
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

  synchronized void removeDirectly(String itemId) {
    Item it = items.remove(itemId);
    if (it != null) {
      idBySlug.remove(it.fieldData.get("slug").asText());
    }
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

  private void validateFields(ObjectNode fd, boolean create, Item existing, List<String[]> errors) {
    if (create) {
      for (SimField f : fields) {
        JsonNode v = fd.get(f.slug());
        if (f.required() && (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty()))) {
          errors.add(new String[] {f.slug(), "Field is required: " + f.slug()});
        }
      }
    }
    fd.fields()
        .forEachRemaining(
            e -> {
              SimField f = fieldsBySlug.get(e.getKey());
              if (f == null) {
                errors.add(
                    new String[] {e.getKey(), "Field not described in schema: " + e.getKey()});
                return;
              }
              String problem = SimFieldTypes.check(f, e.getValue());
              if (problem != null) {
                errors.add(new String[] {f.slug(), problem});
              }
            });
  }
}
