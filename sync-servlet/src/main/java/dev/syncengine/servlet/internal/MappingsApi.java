package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.FieldOwner;
import dev.syncengine.core.mapping.FieldPreview;
import dev.syncengine.core.mapping.MappingSuggestion;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.SuggestedMapping;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /connections/{id}/mapping}: current version, history, save as a new version (refused when
 * it does not validate), validate, preview on a sample record, suggest. Thread-safe.
 */
public final class MappingsApi {
  private final AdminContext ctx;
  private final ControlPlane admin;
  private final Inspector inspect;

  public MappingsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.admin = ctx.admin();
    this.inspect = ctx.inspect();
  }

  public void register(Router r) {
    r.add("GET", "/connections/{id}/mapping", this::current);
    r.add("PUT", "/connections/{id}/mapping", this::save);
    r.add("GET", "/connections/{id}/mapping/history", this::history);
    r.add("POST", "/connections/{id}/mapping/validate", this::validate);
    r.add("POST", "/connections/{id}/mapping/preview", this::preview);
    r.add("GET", "/connections/{id}/mapping/suggest", this::suggest);
  }

  private static ObjectNode version(MappingVersion v, boolean withSpec) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("connectionId", v.connectionId());
    o.put("version", v.version());
    o.put("createdAt", v.createdAt().toString());
    if (withSpec) {
      o.set("spec", v.spec());
    }
    return o;
  }

  private Reply current(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    MappingVersion v =
        inspect
            .mapping(c.id())
            .orElseThrow(
                () -> new ApiException(404, "no_mapping", "the connection has no mapping"));
    return Reply.ok(version(v, true));
  }

  private Reply history(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("versions");
    for (MappingVersion v : inspect.mappingHistory(c.id())) {
      arr.add(version(v, false));
    }
    return Reply.ok(out);
  }

  private static JsonNode spec(Call call) {
    JsonNode spec = call.object().get("spec");
    if (spec == null || !spec.isObject()) {
      throw ApiException.invalid("spec", "required: the mapping document (a JSON object)");
    }
    return spec;
  }

  private static ArrayNode problems(List<Problem> problems) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    for (Problem p : problems) {
      ObjectNode o = arr.addObject();
      o.put("field", p.field());
      o.put("rule", p.rule());
      o.put("message", p.message());
      o.put("severity", p.error() ? "error" : "warning");
    }
    return arr;
  }

  private Reply save(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    JsonNode spec = spec(call);
    ControlPlane.SavedMapping saved;
    try {
      saved = admin.saveMapping(c.id(), spec);
    } catch (MappingValidationException e) {
      List<ApiException.Detail> errors = new ArrayList<>();
      for (Problem p : e.problems()) {
        if (p.error()) {
          errors.add(new ApiException.Detail(p.field(), p.message()));
        }
      }
      throw new ApiException(422, "invalid_mapping", "the mapping has errors", errors);
    }
    ObjectNode out = version(saved.version(), true);
    out.set("problems", problems(saved.warnings()));
    return Reply.created(out, call.request().getRequestURI());
  }

  private Reply validate(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    List<Problem> problems = admin.validateMapping(c.id(), spec(call));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("valid", problems.stream().noneMatch(Problem::error));
    out.set("problems", problems(problems));
    return Reply.ok(out);
  }

  private Reply preview(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    JsonNode body = call.object();
    JsonNode spec = body.get("spec");
    if (spec == null || spec.isNull()) {
      spec =
          inspect
              .mapping(c.id())
              .map(MappingVersion::spec)
              .orElseThrow(
                  () ->
                      new ApiException(404, "no_mapping", "give a spec: the connection has none"));
    } else if (!spec.isObject()) {
      throw ApiException.invalid("spec", "must be a JSON object");
    }
    SourceRecord sample = sample(c, body);
    Preview p = admin.previewMapping(c.id(), spec, sample);
    // A record that does not map is not written at all: no partial fieldData, no action.
    boolean ok = p.ok();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("ok", ok);
    ObjectNode rec = out.putObject("record");
    rec.put("id", sample.id());
    rec.put("version", sample.version() == null ? null : sample.version().toString());
    rec.set("values", sample.values());
    out.set("fieldData", ok ? p.fieldData() : null);
    out.put("action", ok && p.action() != null ? p.action().name() : null);
    ArrayNode w = out.putArray("warnings");
    p.warnings().forEach(w::add);
    ArrayNode problems = problems(p.problems());
    for (FieldPreview f : p.fields()) {
      for (String e : f.errors()) {
        problems
            .addObject()
            .put("field", f.field())
            .put("rule", f.rule())
            .put("message", e)
            .put("severity", "error");
      }
    }
    out.set("problems", problems);
    List<FieldDirection> directions = admin.mappingDirections(c.id(), spec);
    out.set("fields", fields(p, directions));
    ArrayNode dirs = out.putArray("directions");
    for (FieldDirection d : directions) {
      dirs.addObject()
          .put("field", d.field())
          .put("rule", d.rule())
          .put("owner", ownerName(d.owner()))
          .put("invertible", d.invertible())
          .put("oneWayReason", d.reason());
    }
    return Reply.ok(out);
  }

  /** The preview's fields, each with its direction (owner, invertible, why not). */
  private static ArrayNode fields(Preview p, List<FieldDirection> directionList) {
    Map<String, FieldDirection> directions = new HashMap<>();
    directionList.forEach(d -> directions.put(d.field(), d));
    ArrayNode fields = Json.MAPPER.createArrayNode();
    for (FieldPreview f : p.fields()) {
      ObjectNode fo = fields.addObject();
      fo.put("field", f.field());
      fo.put("type", f.type());
      fo.put("rule", f.rule());
      FieldDirection d = directions.get(f.field());
      // two-way: who owns the field, and whether its rule can carry Webflow edits back
      fo.put("owner", ownerName(d == null ? FieldOwner.SOURCE : d.owner()));
      fo.put("invertible", d != null && d.invertible());
      fo.put("oneWayReason", d == null ? "the slug is generated" : d.reason());
      fo.set("input", f.input() == null || f.input().isMissingNode() ? null : f.input());
      fo.set("output", f.output() == null || f.output().isMissingNode() ? null : f.output());
      ArrayNode errs = fo.putArray("errors");
      f.errors().forEach(errs::add);
      ArrayNode warns = fo.putArray("warnings");
      f.warnings().forEach(warns::add);
    }
    return fields;
  }

  /** The owner as the mapping document spells it for people. */
  private static String ownerName(FieldOwner owner) {
    return switch (owner) {
      case SOURCE -> "smartsuite";
      case TARGET -> "webflow";
      case BOTH -> "both";
    };
  }

  /** The record to preview: given inline, fetched by id, or the source's first record. */
  private SourceRecord sample(ConnectionConfig c, JsonNode body) {
    JsonNode inline = body.get("record");
    if (inline != null && !inline.isNull()) {
      if (!inline.isObject() || !inline.path("values").isObject()) {
        throw ApiException.invalid("record", "must be {\"id\": ..., \"values\": {...}}");
      }
      String id = inline.path("id").asText("sample");
      return new SourceRecord(
          id, ctx.engine().clock().instant(), (ObjectNode) inline.get("values").deepCopy());
    }
    JsonNode recordId = body.get("recordId");
    if (recordId != null && !recordId.isNull()) {
      if (!recordId.isTextual() || recordId.asText().isBlank()) {
        throw ApiException.invalid("recordId", "must be a non-empty string");
      }
      return admin
          .sourceRecord(c.id(), recordId.asText())
          .orElseThrow(
              () -> new ApiException(404, "record_not_found", "no such record at the source"));
    }
    return admin
        .firstSourceRecord(c.id())
        .orElseThrow(
            () -> new ApiException(404, "record_not_found", "the source table has no records"));
  }

  private Reply suggest(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    SuggestedMapping s = admin.suggestMapping(c.id());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("spec", s.document());
    ArrayNode arr = out.putArray("matches");
    for (MappingSuggestion m : s.matches()) {
      arr.addObject()
          .put("targetField", m.targetField())
          .put("sourceField", m.sourceField())
          .put("reason", m.reason());
    }
    return Reply.ok(out);
  }
}
