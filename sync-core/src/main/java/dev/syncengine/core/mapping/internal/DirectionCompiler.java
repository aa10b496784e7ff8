package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.FieldOwner;
import dev.syncengine.core.model.SourceField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads each rule's {@code "owner"} and derives its inverse ({@link Inversions}); a field the
 * target owns (or both) whose rule has no inverse, an unknown owner, and two target fields writing
 * back one source field are errors naming the field. Not thread-safe: one per compilation.
 */
final class DirectionCompiler {
  private final CompileContext ctx;

  DirectionCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  ReverseMappingImpl compile(JsonNode fieldsNode, List<FieldPlan> plans) {
    List<ReverseMappingImpl.Field> out = new ArrayList<>();
    Map<String, String> writtenBackBy = new HashMap<>();
    for (FieldPlan plan : plans) {
      String slug = plan.target().slug();
      JsonNode spec = fieldsNode == null ? null : fieldsNode.get(slug);
      FieldOwner owner = owner(slug, plan, spec);
      String sourceSlug = null;
      SourceField source = null;
      if (plan.rule() instanceof DirectRule d) {
        sourceSlug = d.slug();
        source = ctx.sources().resolve(d.slug()).orElse(null);
      }
      Inversions.Inversion inv = Inversions.of(plan, source, overrides(spec));
      if (owner.targetWrites() && inv.inverter() == null) {
        ctx.error(
            slug,
            plan.describeRule(),
            "field '"
                + slug
                + "' cannot be owned by "
                + (owner == FieldOwner.BOTH ? "both sides" : "Webflow")
                + ": "
                + inv.reason()
                + "; make it \"owner\": \"smartsuite\"");
      } else if (owner.targetWrites()) {
        String other = writtenBackBy.putIfAbsent(sourceSlug, slug);
        if (other != null) {
          ctx.error(
              slug,
              plan.describeRule(),
              "fields '"
                  + other
                  + "' and '"
                  + slug
                  + "' would both write back source field '"
                  + source.label()
                  + "'; only one may be owned by Webflow or both");
        }
      }
      FieldDirection dir =
          new FieldDirection(
              slug, plan.describeRule(), owner, inv.inverter() != null, inv.reason());
      out.add(new ReverseMappingImpl.Field(plan, sourceSlug, owner, inv.inverter(), dir));
    }
    return new ReverseMappingImpl(out, ctx.sources().aliases());
  }

  private FieldOwner owner(String slug, FieldPlan plan, JsonNode spec) {
    JsonNode o = spec == null || !spec.isObject() ? null : spec.get("owner");
    if (o == null || o.isNull()) {
      return FieldOwner.SOURCE;
    }
    try {
      return FieldOwner.parse(o.isTextual() ? o.textValue() : o.toString());
    } catch (IllegalArgumentException e) {
      ctx.error(slug, plan.describeRule(), e.getMessage());
      return FieldOwner.SOURCE;
    }
  }

  private static Map<String, String> overrides(JsonNode spec) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec != null && spec.path("options").isObject()) {
      spec.path("options")
          .fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
