package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.TargetLocale;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles the document's {@code locales} section: {@code {"<locale tag or id>": {"fields":
 * {...}}}}. Each locale's field rules are compiled as the primary's are (same rules, same target
 * fields), but nothing is required of them: a field not mapped for a locale keeps its value there.
 * An unknown locale, the primary locale, and {@code slug} are errors naming {@code
 * locales.<key>[.<field>]}. Not thread-safe: one per compilation.
 */
final class LocalePlanCompiler {
  private static final Set<String> LOCALE_KEYS = Set.of("fields");

  private final CompileContext ctx;
  private final TargetSchema target;
  private final FieldPlanCompiler fields;

  LocalePlanCompiler(CompileContext ctx, TargetSchema target, FieldPlanCompiler fields) {
    this.ctx = ctx;
    this.target = target;
    this.fields = fields;
  }

  List<LocalePlan> compile(JsonNode section) {
    List<LocalePlan> out = new ArrayList<>();
    if (section == null || section.isMissingNode() || section.isNull()) {
      return out;
    }
    if (!section.isObject()) {
      ctx.error("locales", null, "'locales' must be an object of locale tag (or id) to rules");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      LocalePlan p = locale(e.getKey(), e.getValue());
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private LocalePlan locale(String key, JsonNode spec) {
    String where = "locales." + key;
    TargetLocale locale = target.locale(key).orElse(null);
    if (locale == null) {
      ctx.error(where, null, "unknown locale '" + key + "'; " + known());
      return null;
    }
    if (locale.primary()) {
      ctx.error(
          where,
          null,
          "'" + key + "' is the primary locale: map its fields in the top-level 'fields'");
      return null;
    }
    if (!spec.isObject() || !spec.path("fields").isObject()) {
      ctx.error(where, null, "a locale must be an object with 'fields': target field slug to rule");
      return null;
    }
    ctx.unknownKeys(where, null, spec, LOCALE_KEYS, "locale '" + key + "'");
    List<FieldPlan> plans = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("fields").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      int before = ctx.problems().size();
      FieldPlan plan = fields.plan(f.getKey(), f.getValue());
      relabel(before, key, f.getKey());
      if (plan != null) {
        plans.add(plan);
      }
    }
    return new LocalePlan(key, locale, plans);
  }

  /** Problems about a locale's field name the locale: {@code locales.fr-FR.name}. */
  private void relabel(int from, String key, String field) {
    List<Problem> problems = ctx.problems();
    for (int i = from; i < problems.size(); i++) {
      Problem p = problems.get(i);
      problems.set(
          i,
          new Problem(
              "locales." + key + "." + field,
              p.rule(),
              "locale '" + key + "': " + p.message(),
              p.error()));
    }
  }

  private String known() {
    List<TargetLocale> secondary =
        target.locales().stream().filter(l -> !l.primary()).collect(Collectors.toList());
    if (secondary.isEmpty()) {
      return "the target lists no secondary locales (it has none, or they could not be read)";
    }
    return "the target's secondary locales are "
        + secondary.stream().map(TargetLocale::describe).collect(Collectors.joining(", "));
  }
}
