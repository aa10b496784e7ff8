package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the rule for one target field into a {@link FieldPlan}: finds the field, picks the
 * {@link RuleCompiler} of the rule's kind, and adds the coercer, the option overrides and the
 * post-transforms. Not thread-safe: one per compilation.
 */
final class FieldPlanCompiler {
  private static final Set<String> COMMON_RULE_KEYS =
      Set.of("rule", "post", "options", "alt", "owner");

  private final CompileContext ctx;
  private final TargetSchema target;
  private final Map<String, RuleCompiler> byKind = new LinkedHashMap<>();

  FieldPlanCompiler(CompileContext ctx, TargetSchema target) {
    this.ctx = ctx;
    this.target = target;
    byKind.put("direct", new DirectRuleCompiler(ctx));
    byKind.put("jsonata", new JsonataRuleCompiler(ctx));
    byKind.put("template", new TemplateRuleCompiler(ctx));
    byKind.put("constant", new ConstantRuleCompiler(ctx));
    byKind.put("reference", new ReferenceRuleCompiler(ctx));
  }

  /** The plan for target field {@code slug}, or null after reporting why there is none. */
  FieldPlan plan(String slug, JsonNode ruleSpec) {
    TargetField field = writableField(slug);
    if (field == null) {
      return null;
    }
    if (ruleSpec.isTextual()) {
      ruleSpec = Values.JSON.objectNode().put("rule", "direct").put("source", ruleSpec.textValue());
    }
    if (!ruleSpec.isObject()) {
      ctx.error(slug, null, "a rule must be a source field name or an object with a \"rule\"");
      return null;
    }
    String kind = ruleKind(ruleSpec);
    if (kind == null) {
      ctx.error(
          slug,
          null,
          "rule kind missing or unknown; use one of direct, jsonata, template, constant, reference");
      return null;
    }
    RuleCompiler compiler = byKind.get(kind);
    Set<String> known = new TreeSet<>(COMMON_RULE_KEYS);
    known.addAll(compiler.keys());
    ctx.unknownKeys(slug, kind, ruleSpec, known, "this " + kind + " rule");
    Map<String, String> overrides = optionOverrides(slug, field, ruleSpec);
    Coercer coercer = Coercers.forField(field, overrides);
    Rule rule = compiler.compile(field, ruleSpec, coercer);
    if (rule == null) {
      return null;
    }
    if (ruleSpec.has("alt")) {
      rule = AltRule.wrap(ctx, field, rule, ruleSpec.get("alt"));
      if (rule == null) {
        return null;
      }
    }
    warnIfNotIds(field, kind);
    List<PostTransform> post = postTransforms(field, kind, ruleSpec.path("post"));
    if (post == null) {
      return null;
    }
    if (coercer instanceof OptionCoercer oc && rule instanceof DirectRule d) {
      checkChoices(field, d, oc);
    }
    return new FieldPlan(field, rule, post, coercer);
  }

  /** The target field {@code slug} when a mapping may write it; null, with an error, if not. */
  private TargetField writableField(String slug) {
    if (slug.equals("slug")) {
      ctx.error(slug, null, "the slug has its own rule: use the top-level \"slug\" section");
      return null;
    }
    Optional<TargetField> found = target.field(slug);
    if (found.isEmpty()) {
      List<String> names = new ArrayList<>();
      target.fields().forEach(f -> names.add(f.slug()));
      List<String> near = NameSimilarity.closest(slug, names, 3);
      ctx.error(
          slug,
          null,
          "unknown target field '"
              + slug
              + "' in collection "
              + target.name()
              + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
      return null;
    }
    TargetField field = found.get();
    if (!field.editable()) {
      ctx.error(slug, null, "target field '" + slug + "' is read-only in Webflow");
      return null;
    }
    if (!Coercers.writable(field)) {
      ctx.error(
          slug, null, "Webflow field type " + field.type() + " cannot be written by a mapping");
      return null;
    }
    return field;
  }

  private String ruleKind(JsonNode spec) {
    if (spec.hasNonNull("rule")) {
      String k = spec.get("rule").asText().toLowerCase(Locale.ROOT);
      return byKind.containsKey(k) ? k : null;
    }
    if (spec.has("expression")) {
      return "jsonata";
    }
    if (spec.has("template")) {
      return "template";
    }
    if (spec.has("value")) {
      return "constant";
    }
    return spec.has("source") ? "direct" : null;
  }

  private void warnIfNotIds(TargetField field, String kind) {
    if (!kind.equals("reference")
        && CompileContext.isReference(field.kind())
        && !kind.equals("direct")) {
      ctx.warn(
          field.slug(),
          kind,
          "a "
              + kind
              + " rule must produce Webflow item ids for "
              + field.type()
              + "; a reference rule maps linked records");
    }
  }

  private List<PostTransform> postTransforms(TargetField field, String kind, JsonNode post) {
    List<PostTransform> out = new ArrayList<>();
    if (post.isMissingNode() || post.isNull()) {
      return out;
    }
    List<JsonNode> calls = new ArrayList<>();
    if (post.isArray()) {
      post.forEach(calls::add);
    } else {
      calls.add(post);
    }
    boolean ok = true;
    for (JsonNode c : calls) {
      if (!c.isTextual()) {
        ctx.error(
            field.slug(), kind, "\"post\" takes transform calls as text, e.g. \"truncate(100)\"");
        ok = false;
        continue;
      }
      try {
        out.add(new TemplateParser(ctx.sources()).parsePost(c.textValue()));
      } catch (TemplateParser.TemplateException e) {
        ctx.error(field.slug(), c.textValue(), "post-transform error: " + e.getMessage());
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private Map<String, String> optionOverrides(String slug, TargetField field, JsonNode spec) {
    JsonNode options = spec.path("options");
    Map<String, String> out = new LinkedHashMap<>();
    if (options.isMissingNode()) {
      return out;
    }
    if (field.kind() != TargetKind.OPTION) {
      ctx.warn(slug, null, "\"options\" applies to Option fields only; ignored");
      return out;
    }
    if (!options.isObject()) {
      ctx.error(slug, null, "\"options\" must map source labels to Webflow option names or ids");
      return out;
    }
    options.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    OptionCoercer probe = new OptionCoercer(validations(field), Map.of(), field.type());
    probe
        .unknownOverrideTargets(out)
        .forEach(
            (label, to) ->
                ctx.error(
                    slug,
                    null,
                    "option override '"
                        + label
                        + "' -> '"
                        + to
                        + "' names no Webflow option; allowed: "
                        + String.join(", ", probe.names())));
    return out;
  }

  private void checkChoices(TargetField field, DirectRule rule, OptionCoercer coercer) {
    Optional<SourceField> source = ctx.sources().resolve(rule.name());
    if (source.isEmpty() || source.get().params() == null) {
      return;
    }
    for (JsonNode choice : source.get().params().path("choices")) {
      String label = choice.path("label").asText(null);
      if (label != null && coercer.idFor(label) == null) {
        ctx.warn(
            field.slug(),
            rule.describe(),
            "choice '"
                + label
                + "' matches no Webflow option (allowed: "
                + String.join(", ", coercer.names())
                + "); records with it will fail unless \"options\" maps it");
      }
    }
  }

  private static JsonNode validations(TargetField f) {
    return f.validations() == null ? MissingNode.getInstance() : f.validations();
  }
}
