package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.webflow.ItemPage;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.NewItem;
import dev.syncengine.webflow.PublishResult;
import dev.syncengine.webflow.WebflowCollection;
import dev.syncengine.webflow.WebflowFieldTypes;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowLocale;
import dev.syncengine.webflow.WebflowSite;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Converts between Webflow's JSON and the client's records. Stateless. */
public final class WebflowJson {
  private WebflowJson() {}

  public static WebflowItem item(JsonNode n) {
    JsonNode fd = n.path("fieldData");
    return new WebflowItem(
        n.path("id").asText(),
        text(n, "cmsLocaleId"),
        fd.isObject() ? (ObjectNode) fd : Json.object(),
        n.path("isDraft").asBoolean(false),
        n.path("isArchived").asBoolean(false),
        instant(n, "lastPublished"),
        instant(n, "lastUpdated"),
        instant(n, "createdOn"));
  }

  /** Items of a multi-item answer ({@code {items:[...]}}) or the single item it is. */
  public static List<WebflowItem> items(JsonNode n) {
    List<WebflowItem> out = new ArrayList<>();
    if (n.path("items").isArray()) {
      n.get("items").forEach(i -> out.add(item(i)));
    } else if (n.hasNonNull("id")) {
      out.add(item(n));
    }
    return out;
  }

  public static ItemPage page(JsonNode n) {
    List<WebflowItem> items = items(n);
    JsonNode p = n.path("pagination");
    return new ItemPage(
        items,
        p.path("limit").asInt(items.size()),
        p.path("offset").asInt(0),
        p.path("total").asInt(items.size()));
  }

  public static WebflowSite site(JsonNode n) {
    List<String> locales = new ArrayList<>();
    JsonNode loc = n.path("locales");
    if (loc.isObject()) {
      JsonNode primary = loc.path("primary");
      if (primary.hasNonNull("cmsLocaleId")) {
        locales.add(primary.get("cmsLocaleId").asText());
      }
      loc.path("secondary")
          .forEach(
              s -> {
                if (s.hasNonNull("cmsLocaleId")) {
                  locales.add(s.get("cmsLocaleId").asText());
                }
              });
    }
    return new WebflowSite(
        n.path("id").asText(), n.path("displayName").asText(), text(n, "shortName"), locales);
  }

  /** A site's {@code locales} object: primary first, then the secondary ones; null: none. */
  public static List<WebflowLocale> locales(JsonNode loc) {
    List<WebflowLocale> out = new ArrayList<>();
    if (!loc.isObject()) {
      return out;
    }
    if (loc.path("primary").hasNonNull("cmsLocaleId")) {
      out.add(locale(loc.get("primary"), true));
    }
    loc.path("secondary")
        .forEach(
            s -> {
              if (s.hasNonNull("cmsLocaleId")) {
                out.add(locale(s, false));
              }
            });
    return out;
  }

  private static WebflowLocale locale(JsonNode n, boolean primary) {
    return new WebflowLocale(
        text(n, "id"),
        n.get("cmsLocaleId").asText(),
        text(n, "tag"),
        text(n, "displayName"),
        n.path("enabled").asBoolean(true),
        primary);
  }

  public static WebflowCollection collection(JsonNode n) {
    List<TargetField> fields = new ArrayList<>();
    n.path("fields")
        .forEach(
            f ->
                fields.add(
                    new TargetField(
                        f.path("id").asText(),
                        f.path("slug").asText(),
                        f.path("displayName").asText(f.path("slug").asText()),
                        f.path("type").asText(),
                        WebflowFieldTypes.kindOf(f.path("type").asText()),
                        f.path("isRequired").asBoolean(false),
                        f.path("isEditable").asBoolean(true),
                        f.path("validations").isObject() ? f.get("validations") : Json.object())));
    return new WebflowCollection(
        n.path("id").asText(),
        n.path("displayName").asText(),
        text(n, "singularName"),
        text(n, "slug"),
        fields);
  }

  public static PublishResult publishResult(JsonNode n) {
    List<String> ids = new ArrayList<>();
    n.path("publishedItemIds").forEach(i -> ids.add(i.asText()));
    List<String> errors = new ArrayList<>();
    n.path("errors").forEach(e -> errors.add(e.isTextual() ? e.asText() : e.toString()));
    return new PublishResult(ids, errors);
  }

  public static ObjectNode newItem(NewItem item) {
    ObjectNode o = Json.object();
    o.put("isArchived", item.isArchived());
    o.put("isDraft", item.isDraft());
    o.set("fieldData", MediaValues.forWebflow(item.fieldData()));
    return o;
  }

  public static ObjectNode update(ItemUpdate u) {
    ObjectNode o = Json.object();
    o.put("id", u.id());
    if (u.cmsLocaleId() != null) {
      o.put("cmsLocaleId", u.cmsLocaleId());
    }
    if (u.isArchived() != null) {
      o.put("isArchived", u.isArchived());
    }
    if (u.isDraft() != null) {
      o.put("isDraft", u.isDraft());
    }
    if (u.fieldData() != null) {
      o.set("fieldData", MediaValues.forWebflow(u.fieldData()));
    }
    return o;
  }

  public static ObjectNode idList(List<String> ids) {
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("items");
    ids.forEach(id -> arr.addObject().put("id", id));
    return o;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Instant instant(JsonNode n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
