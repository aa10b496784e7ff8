package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Slugs;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping document (see {@code docs/mapping.md}) against both schemas and builds the plans,
 * collecting every problem instead of stopping at the first. The fields go to {@link
 * FieldPlanCompiler} (one {@link RuleCompiler} per rule kind), the slug section to {@link
 * SlugPlanCompiler}, the status section to {@link StatusPlanCompiler}, the secondary locales to
 * {@link LocalePlanCompiler}. Not thread-safe: one per compilation.
 */
public final class DocumentCompiler {
  /** The document format this compiler reads. */
  public static final int FORMAT = 1;

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("format", "fields", "slug", "status", "locales");

  private final SourceFields sources;
  private final TargetSchema target;
  private final CompileContext ctx;
  private final FieldPlanCompiler fields;

  public DocumentCompiler(
      SourceSchema source, TargetSchema target, long timeoutMillis, int maxDepth) {
    this.sources = new SourceFields(source);
    this.target = target;
    this.ctx = new CompileContext(sources, timeoutMillis, maxDepth);
    this.fields = new FieldPlanCompiler(ctx, target);
  }

  /** Compiles what it can; check {@link #problems()} for errors before using the result. */
  public CompiledMappingImpl compile(JsonNode spec) {
    if (spec == null || !spec.isObject()) {
      ctx.error(null, null, "the mapping document must be a JSON object");
      return new CompiledMappingImpl(
          List.of(),
          new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH),
          null,
          List.of(),
          sources.aliases(),
          ctx.problems());
    }
    checkTopLevel(spec);
    JsonNode fieldsNode = spec.path("fields");
    if (!fieldsNode.isMissingNode() && !fieldsNode.isObject()) {
      ctx.error(null, null, "'fields' must be an object of target field slug to rule");
    }
    List<FieldPlan> ordered = fieldPlans(fieldsNode);
    SlugPlan slug = new SlugPlanCompiler(ctx).compile(spec.path("slug"));
    StatusPlan status = new StatusPlanCompiler(ctx).compile(spec.path("status"));
    List<LocalePlan> locales =
        new LocalePlanCompiler(ctx, target, fields).compile(spec.path("locales"));
    ReverseMappingImpl reverse =
        new DirectionCompiler(ctx).compile(fieldsNode.isObject() ? fieldsNode : null, ordered);
    return new CompiledMappingImpl(
        ordered, slug, status, locales, sources.aliases(), ctx.problems(), reverse);
  }

  public List<Problem> problems() {
    return ctx.problems();
  }

  private void checkTopLevel(JsonNode spec) {
    JsonNode format = spec.get("format");
    if (format != null && format.asInt(-1) != FORMAT) {
      ctx.error(
          null,
          null,
          "unsupported document format " + format + "; this version reads format " + FORMAT);
    }
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!TOP_LEVEL_KEYS.contains(key)) {
        ctx.warn(null, null, "unknown top-level key '" + key + "' is ignored");
      }
    }
  }

  /** The plans of the mapped fields, {@code name} first (mapped from the title by default). */
  private List<FieldPlan> fieldPlans(JsonNode fieldsNode) {
    Map<String, FieldPlan> plans = new LinkedHashMap<>();
    if (!fieldsNode.has("name")) {
      FieldPlan name = fields.plan("name", Values.JSON.textNode("title"));
      if (name != null) {
        plans.put("name", name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldPlan p = fields.plan(e.getKey(), e.getValue());
      if (p != null) {
        plans.put(e.getKey(), p);
      }
    }
    checkRequired(fieldsNode);
    List<FieldPlan> ordered = new ArrayList<>();
    if (plans.containsKey("name")) {
      ordered.add(plans.remove("name"));
    }
    ordered.addAll(plans.values());
    return ordered;
  }

  private void checkRequired(JsonNode fieldsNode) {
    for (TargetField f : target.fields()) {
      if (f.required()
          && !f.slug().equals("slug")
          && !f.slug().equals("name")
          && !fieldsNode.has(f.slug())) {
        ctx.error(
            f.slug(),
            null,
            "required Webflow field '"
                + f.slug()
                + "' ("
                + f.displayName()
                + ", "
                + f.type()
                + ") is not mapped");
      }
    }
  }
}
