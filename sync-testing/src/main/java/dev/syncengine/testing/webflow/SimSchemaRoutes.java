package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collection and field creation (and field deletion), as webflow-openapi-v2.yml describes them:
 * {@code create-collection} ({@code POST /sites/{site_id}/collections}: {@code displayName} and
 * {@code singularName} required; "Each collection name must be distinct", else 409 {@code
 * duplicate_collection}; the required name and slug fields are added), {@code create-field} ({@code
 * POST /collections/{collection_id}/fields}: one field of the static, Option or Reference kind;
 * "Fields slugs are automatically converted to lowercase. Spaces in slugs are replaced with
 * hyphens"; 400 for a malformed field, 409 for a duplicate), {@code delete-field} (204). A field
 * without a slug gets the slug of its display name. Thread-safe.
 */
final class SimSchemaRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> STATIC_TYPES =
      Set.of(
          "Color",
          "DateTime",
          "Email",
          "File",
          "Image",
          "Link",
          "MultiImage",
          "Number",
          "Phone",
          "PlainText",
          "RichText",
          "Switch",
          "VideoLink");
  private final WebflowSimulator sim;

  SimSchemaRoutes(WebflowSimulator sim) {
    this.sim = sim;
  }

  /** {@code POST /sites/{site_id}/collections}. */
  SimRoutes.Route createCollection(String siteId) {
    return new SimRoutes.Route(SimOperation.CREATE_COLLECTION, (b, q) -> collection(siteId, b));
  }

  /** {@code /collections/{id}/fields} and {@code /collections/{id}/fields/{field_id}}. */
  SimRoutes.Route fields(String method, String[] p) {
    if (p.length == 3 && method.equals("POST")) {
      return new SimRoutes.Route(SimOperation.CREATE_FIELD, (b, q) -> field(p[1], b));
    }
    if (p.length == 4 && method.equals("DELETE")) {
      return new SimRoutes.Route(SimOperation.DELETE_FIELD, (b, q) -> deleteField(p[1], p[3]));
    }
    return null;
  }

  private SimRoutes.Answer collection(String siteId, JsonNode b) {
    sim.siteJson(siteId);
    if (b == null || !b.isObject()) {
      throw SimError.badRequest("Request is malformed");
    }
    String name = text(b, "displayName");
    String singular = text(b, "singularName");
    if (name == null || singular == null) {
      throw SimError.validation(name == null ? "displayName" : "singularName", "Field is required");
    }
    String slug = text(b, "slug");
    slug = slugOf(slug == null ? name : slug);
    SimCollection made;
    synchronized (sim) {
      for (SimCollection c : sim.collections()) {
        SimSchema s = c.schema();
        if (c.siteId.equals(siteId)
            && (s.displayName.equalsIgnoreCase(name) || s.slug.equals(slug))) {
          throw new SimError(409, "duplicate_collection", "Collection already exists", List.of());
        }
      }
      made = sim.addCollection(siteId, name, slug, List.of());
    }
    made.changeSchema(
        s ->
            new SimSchema(
                s.id, s.displayName, singular, s.slug, s.fields, java.util.Map.of(), s.limits));
    return new SimRoutes.Answer(200, made.schemaJson());
  }

  private SimRoutes.Answer field(String cid, JsonNode b) {
    SimCollection c = sim.collection(cid);
    if (b == null || !b.isObject()) {
      throw SimError.badRequest("Request is malformed");
    }
    String type = text(b, "type");
    String displayName = text(b, "displayName");
    if (type == null || displayName == null) {
      throw SimError.validation(type == null ? "type" : "displayName", "Field is required");
    }
    String given = text(b, "slug");
    String slug = slugOf(given == null ? displayName : given);
    SimField f = new SimField(slug, type, b.path("isRequired").asBoolean(false), validations(b));
    synchronized (c) {
      if (c.schema().field(slug) != null) {
        throw new SimError(
            409, "conflict", "Conflict: a field with slug '" + slug + "' exists", List.of());
      }
      int max = c.schema().limits.maxFieldsPerCollection();
      if (c.schema().fields.size() >= max) { // the docs name the limit, not its error: our guess
        throw SimError.validation(
            "fields", "Collection has reached its limit of " + max + " fields");
      }
      c.changeSchema(s -> s.with(f, displayName));
    }
    return new SimRoutes.Answer(200, c.schema().fieldJson(slug));
  }

  /** The validations a created field shows: Option ids, a Reference's collection. */
  private ObjectNode validations(JsonNode b) {
    String type = b.path("type").asText();
    JsonNode meta = b.path("metadata");
    ObjectNode v = F.objectNode();
    if (type.equals("Option")) {
      JsonNode options = meta.path("options");
      if (!options.isArray() || options.isEmpty() || options.size() > 100) {
        throw SimError.validation("metadata.options", "An Option field needs 1-100 options");
      }
      ArrayNode out = v.putArray("options");
      for (JsonNode o : options) {
        if (text(o, "name") == null) {
          throw SimError.validation("metadata.options", "Each option needs a name");
        }
        out.addObject().put("name", o.get("name").asText()).put("id", sim.newId());
      }
    } else if (type.equals("Reference") || type.equals("MultiReference")) {
      String target = text(meta, "collectionId");
      if (target == null) {
        throw SimError.validation("metadata.collectionId", "Field is required");
      }
      sim.collection(target); // 404 collection_not_found for an unknown one
      v.put("collectionId", target);
    } else if (!STATIC_TYPES.contains(type)) {
      throw SimError.validation("type", "Unsupported field type: " + type);
    }
    return v;
  }

  private SimRoutes.Answer deleteField(String cid, String fieldId) {
    SimCollection c = sim.collection(cid);
    synchronized (c) {
      for (JsonNode f : c.schemaJson().path("fields")) {
        if (f.path("id").asText().equals(fieldId)) {
          String slug = f.path("slug").asText();
          if (slug.equals("name") || slug.equals("slug")) {
            throw SimError.badRequest("The name and slug fields cannot be deleted");
          }
          c.deleteField(slug);
          return new SimRoutes.Answer(204, null);
        }
      }
    }
    throw SimError.notFound("resource_not_found", "Field not found: " + fieldId);
  }

  /** Lowercase, spaces to hyphens (create-collection's description); other characters dropped. */
  static String slugOf(String s) {
    String out = s.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replaceAll("[^a-z0-9_-]", "");
    if (out.isEmpty()) {
      throw SimError.validation("slug", "Slug must contain letters or digits");
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
