package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.mapping.FieldPreview;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingSuggestion;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.SuggestedMapping;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.SourceAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /connections/{id}/mapping}: current version, history, save as a new version (refused when
 * it does not validate), validate, preview on a sample record, suggest. Thread-safe.
 */
public final class MappingsApi {
  private final AdminContext ctx;
  private final SyncEngine engine;
  private final MappingCompiler compiler;

  public MappingsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.engine = ctx.engine();
    this.compiler = ctx.compiler();
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
        engine
            .stores()
            .connections()
            .mapping(c.id())
            .orElseThrow(
                () -> new ApiException(404, "no_mapping", "the connection has no mapping"));
    return Reply.ok(version(v, true));
  }

  private Reply history(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("versions");
    for (MappingVersion v : engine.stores().connections().mappingHistory(c.id())) {
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

  /** What a mapping is for: the connection, both schemas, and how links resolve. */
  private record Subject(
      ConnectionConfig connection,
      SourceSchema source,
      TargetSchema target,
      MappingContext links) {}

  private Subject subject(ConnectionConfig c) {
    MappingContext links =
        (tableId, recordId) -> {
          for (ConnectionConfig other : engine.stores().connections().list()) {
            if (other.source().id().equals(tableId)) {
              return engine.stores().idMap().find(other.id(), recordId).map(IdMapping::itemId);
            }
          }
          return Optional.empty();
        };
    return new Subject(c, engine.sourceFor(c).schema(c), engine.sinkFor(c).schema(c), links);
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

  private List<Problem> validate(Subject subject, JsonNode spec) {
    return compiler.validate(spec, subject.source(), subject.target());
  }

  private Reply save(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    JsonNode spec = spec(call);
    List<Problem> problems = validate(subject(c), spec);
    List<ApiException.Detail> errors = new ArrayList<>();
    for (Problem p : problems) {
      if (p.error()) {
        errors.add(new ApiException.Detail(p.field(), p.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(422, "invalid_mapping", "the mapping has errors", errors);
    }
    MappingVersion v = engine.stores().connections().saveMapping(c.id(), spec);
    engine.invalidate(c.id());
    ObjectNode out = version(v, true);
    out.set("problems", problems(problems));
    return Reply.created(out, call.request().getRequestURI());
  }

  private Reply validate(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    List<Problem> problems = validate(subject(c), spec(call));
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
          engine
              .stores()
              .connections()
              .mapping(c.id())
              .map(MappingVersion::spec)
              .orElseThrow(
                  () ->
                      new ApiException(404, "no_mapping", "give a spec: the connection has none"));
    } else if (!spec.isObject()) {
      throw ApiException.invalid("spec", "must be a JSON object");
    }
    SourceRecord sample = sample(c, body);
    Subject subject = subject(c);
    Preview p = compiler.preview(spec, subject.source(), subject.target(), sample, subject.links());
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
    ArrayNode fields = out.putArray("fields");
    for (FieldPreview f : p.fields()) {
      ObjectNode fo = fields.addObject();
      fo.put("field", f.field());
      fo.put("type", f.type());
      fo.put("rule", f.rule());
      fo.set("input", f.input() == null || f.input().isMissingNode() ? null : f.input());
      fo.set("output", f.output() == null || f.output().isMissingNode() ? null : f.output());
      ArrayNode errs = fo.putArray("errors");
      f.errors().forEach(errs::add);
      ArrayNode warns = fo.putArray("warnings");
      f.warnings().forEach(warns::add);
    }
    return Reply.ok(out);
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
          id, engine.clock().instant(), (ObjectNode) inline.get("values").deepCopy());
    }
    SourceAdapter source = engine.sourceFor(c);
    JsonNode recordId = body.get("recordId");
    if (recordId != null && !recordId.isNull()) {
      if (!recordId.isTextual() || recordId.asText().isBlank()) {
        throw ApiException.invalid("recordId", "must be a non-empty string");
      }
      Instant now = engine.clock().instant();
      Map<String, SourceRecord> found =
          source.resolve(c, List.of(new SourceAdapter.PendingChange(recordId.asText(), now, null)));
      SourceRecord r = found.get(recordId.asText());
      if (r == null) {
        throw new ApiException(404, "record_not_found", "no such record at the source");
      }
      return r;
    }
    List<SourceRecord> first = source.list(c, null, 1, null).records();
    if (first.isEmpty()) {
      throw new ApiException(404, "record_not_found", "the source table has no records");
    }
    return first.get(0);
  }

  private Reply suggest(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    Subject subject = subject(c);
    SuggestedMapping s = compiler.suggest(subject.source(), subject.target());
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
