package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.ControlPlane.Side;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetLocale;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.SyncException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /discovery}: what the wizard lists before a connection exists (SmartSuite solutions,
 * tables, fields; Webflow sites, collections, fields) and a credentials check of a draft. Drafts
 * take their credentials from the body, on top of a saved connection's when {@code connectionId} is
 * given. Bodies are POSTed because they carry secrets. Thread-safe.
 */
public final class DiscoveryApi {
  private final AdminContext ctx;
  private final ControlPlane admin;

  public DiscoveryApi(AdminContext ctx) {
    this.ctx = ctx;
    this.admin = ctx.admin();
  }

  public void register(Router r) {
    r.add("POST", "/discovery/containers", this::containers);
    r.add("POST", "/discovery/collections", this::collections);
    r.add("POST", "/discovery/fields", this::fields);
    r.add("POST", "/discovery/test", this::test);
    r.add("GET", "/connections/{id}/schema", this::schema);
  }

  private static Side side(JsonNode body) {
    String s = body.path("side").asText("");
    if (s.equals("source")) {
      return Side.SOURCE;
    }
    if (s.equals("target")) {
      return Side.TARGET;
    }
    throw ApiException.invalid("side", "must be source or target");
  }

  /** A draft connection whose {@code side} points at the given container and collection. */
  private ConnectionConfig draft(JsonNode body, Side side) {
    ConnectionConfig base = null;
    if (body.hasNonNull("connectionId")) {
      base = ctx.connection(body.get("connectionId").asText());
    }
    ResourceRef current = base == null ? null : side == Side.SOURCE ? base.source() : base.target();
    String type = body.hasNonNull("type") ? body.get("type").asText() : null;
    if (type == null && current != null) {
      type = current.type();
    }
    if (type == null || type.isBlank()) {
      throw ApiException.invalid("type", "required without connectionId");
    }
    String container = text(body, "containerId", current == null ? null : current.parentId());
    String collection = text(body, "collectionId", current == null ? "-" : current.id());
    ResourceRef ref = new ResourceRef(type, container, collection);
    ResourceRef none = new ResourceRef("-", null, "-");
    ConnectionConfig.Builder b =
        base != null
            ? base.toBuilder()
            : ConnectionConfig.builder("draft").source(none).target(none);
    if (side == Side.SOURCE) {
      b.source(ref);
    } else {
      b.target(ref);
    }
    Credentials creds = base == null ? Credentials.empty() : base.credentials();
    JsonNode given = body.path("credentials");
    if (given.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = given.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw ApiException.invalid("credentials." + e.getKey(), "must be a string");
        }
        creds = creds.with(e.getKey(), e.getValue().asText());
      }
    } else if (!given.isMissingNode() && !given.isNull()) {
      throw ApiException.invalid("credentials", "must be an object of strings");
    }
    return b.credentials(creds).build();
  }

  /**
   * Runs an adapter call for a draft: a credential missing from the request body is the request's
   * fault (400 naming it); one missing from a stored connection is answered 409 by the servlet.
   */
  private static <T> T asked(JsonNode body, Supplier<T> call) {
    try {
      return call.get();
    } catch (MissingCredentialException e) {
      if (body.hasNonNull("connectionId")) {
        throw e;
      }
      throw ApiException.invalid("credentials." + e.credential(), "required");
    } catch (SyncException e) {
      // an adapter may report it as an error of its own (the Webflow sink does)
      if (body.hasNonNull("connectionId")
          || !MissingCredentialException.ERROR_CODE.equals(e.error().code())
          || e.error().field() == null) {
        throw e;
      }
      throw ApiException.invalid("credentials." + e.error().field(), "required");
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.invalid(field, "must be a non-empty string");
    }
    return v.asText();
  }

  /** The draft, once its side's type has an adapter (else 400 naming the type). */
  private ConnectionConfig served(ConnectionConfig d, Side side) {
    if (side == Side.SOURCE && !ctx.inspect().sourceTypes().contains(d.source().type())) {
      throw ApiException.invalid("type", "no source adapter of this type");
    }
    if (side == Side.TARGET && !ctx.inspect().targetTypes().contains(d.target().type())) {
      throw ApiException.invalid("type", "no target adapter of this type");
    }
    return d;
  }

  private static ObjectNode items(List<NamedRef> refs) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("items");
    for (NamedRef r : refs) {
      arr.addObject().put("id", r.id()).put("name", r.name());
    }
    return out;
  }

  private Reply containers(Call call) {
    JsonNode body = call.object();
    Side side = side(body);
    ConnectionConfig d = served(draft(body, side), side);
    return Reply.ok(items(asked(body, () -> admin.containers(side, d))));
  }

  private Reply collections(Call call) {
    JsonNode body = call.object();
    Side side = side(body);
    ConnectionConfig d = draft(body, side);
    String container = (side == Side.SOURCE ? d.source() : d.target()).parentId();
    if (container == null) {
      throw ApiException.invalid("containerId", "required");
    }
    served(d, side);
    return Reply.ok(items(asked(body, () -> admin.collections(side, d, container))));
  }

  private Reply fields(Call call) {
    JsonNode body = call.object();
    Side side = side(body);
    if (!body.hasNonNull("collectionId") && !body.hasNonNull("connectionId")) {
      throw ApiException.invalid("collectionId", "required");
    }
    ConnectionConfig d = served(draft(body, side), side);
    return Reply.ok(
        asked(
            body,
            () ->
                side == Side.SOURCE
                    ? sourceSchema(admin.sourceSchema(d))
                    : targetSchema(admin.targetSchema(d))));
  }

  private Reply test(Call call) {
    JsonNode body = call.object();
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (body.path("source").isObject()) {
      ObjectNode sb = ((ObjectNode) body.get("source")).deepCopy();
      sb.put("side", "source");
      sb.set("credentials", body.get("credentials"));
      ConnectionConfig d = draft(sb, Side.SOURCE);
      out.set("source", ConnectionsApi.check(admin.checkSourceCredentials(d)));
    }
    if (body.path("target").isObject()) {
      ObjectNode tb = ((ObjectNode) body.get("target")).deepCopy();
      tb.put("side", "target");
      tb.set("credentials", body.get("credentials"));
      ConnectionConfig d = draft(tb, Side.TARGET);
      out.set("target", ConnectionsApi.check(admin.checkTargetCredentials(d)));
    }
    if (out.isEmpty()) {
      throw ApiException.invalid("source", "give source, target or both");
    }
    return Reply.ok(out);
  }

  private Reply schema(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("source", sourceSchema(admin.sourceSchema(c)));
    out.set("target", targetSchema(admin.targetSchema(c)));
    return Reply.ok(out);
  }

  static ObjectNode sourceSchema(SourceSchema s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("tableId", s.tableId());
    o.put("name", s.name());
    o.put("primaryField", s.primaryField());
    ArrayNode fields = o.putArray("fields");
    for (SourceField f : s.fields()) {
      ObjectNode x = fields.addObject();
      x.put("slug", f.slug());
      x.put("label", f.label());
      x.put("type", f.type());
      x.put("kind", f.kind().name());
      x.set("params", f.params());
    }
    return o;
  }

  static ObjectNode targetSchema(TargetSchema s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("collectionId", s.collectionId());
    o.put("name", s.name());
    ArrayNode fields = o.putArray("fields");
    for (TargetField f : s.fields()) {
      ObjectNode x = fields.addObject();
      x.put("id", f.id());
      x.put("slug", f.slug());
      x.put("displayName", f.displayName());
      x.put("type", f.type());
      x.put("required", f.required());
      x.put("editable", f.editable());
      x.set("validations", f.validations());
    }
    // The locales a mapping's "locales" section may name (by tag or id), primary first.
    ArrayNode locales = o.putArray("locales");
    for (TargetLocale l : s.locales()) {
      ObjectNode x = locales.addObject();
      x.put("id", l.id());
      x.put("tag", l.tag());
      x.put("displayName", l.displayName());
      x.put("primary", l.primary());
    }
    return o;
  }
}
