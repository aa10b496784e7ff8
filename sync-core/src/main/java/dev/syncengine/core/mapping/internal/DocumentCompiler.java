package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Slugs;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a mapping document (see {@code docs/mapping.md}) against both schemas and builds the plans,
 * collecting every problem instead of stopping at the first. Not thread-safe: one per compilation.
 */
public final class DocumentCompiler {
  /** The document format this compiler reads. */
  public static final int FORMAT = 1;

  private static final Set<String> RULES =
      Set.of("direct", "jsonata", "template", "constant", "reference");

  /** The keys each rule kind reads, besides {@code rule}, {@code post} and {@code options}. */
  private static final Map<String, Set<String>> RULE_KEYS =
      Map.of(
          "direct", Set.of("source"),
          "jsonata", Set.of("expression"),
          "template", Set.of("template"),
          "constant", Set.of("value"),
          "reference", Set.of("source", "table", "onMissing", "waitForLink"));

  private static final Set<String> COMMON_RULE_KEYS = Set.of("rule", "post", "options");
  private static final Set<String> SLUG_KEYS = Set.of("template", "maxLength");
  private static final Set<String> STATUS_KEYS = Set.of("source", "actions", "default");

  private final SourceFields sources;
  private final TargetSchema target;
  private final long timeoutMillis;
  private final int maxDepth;
  private final List<Problem> problems = new ArrayList<>();

  public DocumentCompiler(
      SourceSchema source, TargetSchema target, long timeoutMillis, int maxDepth) {
    this.sources = new SourceFields(source);
    this.target = target;
    this.timeoutMillis = timeoutMillis;
    this.maxDepth = maxDepth;
  }

  /** Compiles what it can; check {@link #problems()} for errors before using the result. */
  public CompiledMappingImpl compile(JsonNode spec) {
    if (spec == null || !spec.isObject()) {
      error(null, null, "the mapping document must be a JSON object");
      return new CompiledMappingImpl(
          List.of(),
          new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH),
          null,
          sources.aliases(),
          problems);
    }
    JsonNode format = spec.get("format");
    if (format != null && format.asInt(-1) != FORMAT) {
      error(
          null,
          null,
          "unsupported document format " + format + "; this version reads format " + FORMAT);
    }
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("format", "fields", "slug", "status").contains(key)) {
        warn(null, null, "unknown top-level key '" + key + "' is ignored");
      }
    }
    JsonNode fieldsNode = spec.path("fields");
    if (!fieldsNode.isMissingNode() && !fieldsNode.isObject()) {
      error(null, null, "'fields' must be an object of target field slug to rule");
    }
    Map<String, FieldPlan> plans = new LinkedHashMap<>();
    if (!fieldsNode.has("name")) {
      FieldPlan name = plan("name", Values.JSON.textNode("title"));
      if (name != null) {
        plans.put("name", name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldPlan p = plan(e.getKey(), e.getValue());
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
    SlugPlan slug = slugPlan(spec.path("slug"));
    StatusPlan status = statusPlan(spec.path("status"));
    return new CompiledMappingImpl(ordered, slug, status, sources.aliases(), problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private FieldPlan plan(String slug, JsonNode ruleSpec) {
    if (slug.equals("slug")) {
      error(slug, null, "the slug has its own rule: use the top-level \"slug\" section");
      return null;
    }
    Optional<TargetField> found = target.field(slug);
    if (found.isEmpty()) {
      List<String> names = new ArrayList<>();
      target.fields().forEach(f -> names.add(f.slug()));
      List<String> near = NameSimilarity.closest(slug, names, 3);
      error(
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
      error(slug, null, "target field '" + slug + "' is read-only in Webflow");
      return null;
    }
    if (!Coercers.WRITABLE_TYPES.contains(field.type())) {
      error(slug, null, "Webflow field type " + field.type() + " cannot be written by a mapping");
      return null;
    }
    if (ruleSpec.isTextual()) {
      ruleSpec = Values.JSON.objectNode().put("rule", "direct").put("source", ruleSpec.textValue());
    }
    if (!ruleSpec.isObject()) {
      error(slug, null, "a rule must be a source field name or an object with a \"rule\"");
      return null;
    }
    String kind = ruleKind(ruleSpec);
    if (kind == null) {
      error(
          slug,
          null,
          "rule kind missing or unknown; use one of direct, jsonata, template, constant, reference");
      return null;
    }
    Set<String> known = new java.util.TreeSet<>(COMMON_RULE_KEYS);
    known.addAll(RULE_KEYS.get(kind));
    unknownKeys(slug, kind, ruleSpec, known, "this " + kind + " rule");
    Map<String, String> overrides = optionOverrides(slug, field, ruleSpec);
    Coercer coercer = Coercers.forField(field, overrides);
    Rule rule =
        switch (kind) {
          case "direct" -> direct(field, ruleSpec, coercer);
          case "jsonata" -> jsonata(field, ruleSpec);
          case "template" -> template(field, ruleSpec);
          case "constant" -> constant(field, ruleSpec);
          default -> reference(field, ruleSpec);
        };
    if (rule == null) {
      return null;
    }
    if (!kind.equals("reference") && isReferenceType(field.type()) && !kind.equals("direct")) {
      warn(
          slug,
          kind,
          "a "
              + kind
              + " rule must produce Webflow item ids for "
              + field.type()
              + "; a reference rule maps linked records");
    }
    List<PostTransform> post = postTransforms(field, kind, ruleSpec.path("post"));
    if (post == null) {
      return null;
    }
    if (coercer instanceof OptionCoercer oc && rule instanceof DirectRule d) {
      checkChoices(field, d, oc);
    }
    return new FieldPlan(field, rule, post, coercer);
  }

  /** Warns of keys nobody reads (a typo such as "sourcee" would otherwise pass unnoticed). */
  private void unknownKeys(String field, String rule, JsonNode spec, Set<String> known, String in) {
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        warn(
            field,
            rule,
            "unknown key '"
                + key
                + "' in "
                + in
                + " is ignored; it reads "
                + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  /**
   * False, with an error, when {@code key} holds an object or an array where a string belongs. A
   * number or boolean is read as its text, as earlier versions did (documents saved then keep
   * working), with a warning.
   */
  private boolean textOrAbsent(String field, String rule, JsonNode spec, String key) {
    JsonNode v = spec.get(key);
    if (v == null || v.isNull() || v.isTextual()) {
      return true;
    }
    if (v.isValueNode()) {
      warn(
          field,
          rule,
          "\""
              + key
              + "\" should be a string; the "
              + typeName(v)
              + " is read as \""
              + v.asText()
              + "\"");
      return true;
    }
    error(field, rule, "\"" + key + "\" must be a string, not " + typeName(v));
    return false;
  }

  private static String typeName(JsonNode v) {
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String ruleKind(JsonNode spec) {
    if (spec.hasNonNull("rule")) {
      String k = spec.get("rule").asText().toLowerCase(Locale.ROOT);
      return RULES.contains(k) ? k : null;
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

  private Rule direct(TargetField field, JsonNode spec, Coercer coercer) {
    SourceField source = source(field, "direct", spec);
    if (source == null) {
      return null;
    }
    TypeCompatibility.Fit fit = TypeCompatibility.of(source.type(), field.type());
    String pair = "source '" + source.label() + "' (" + source.type() + ") to " + field.type();
    switch (fit) {
      case NO -> {
        error(
            field.slug(),
            "direct",
            "incompatible types: "
                + pair
                + " cannot convert; see the compatibility matrix in docs/mapping.md");
        return null;
      }
      case REFERENCE -> {
        error(
            field.slug(),
            "direct",
            pair
                + " needs a reference rule: {\"rule\": \"reference\", \"source\": \""
                + source.label()
                + "\"}");
        return null;
      }
      case LOSSY -> {
        if (TypeCompatibility.categoryOf(source.type()) == null) {
          warn(
              field.slug(),
              "direct",
              "unknown source type " + source.type() + "; values are checked per record");
        } else if (!(coercer instanceof OptionCoercer)) {
          warn(
              field.slug(),
              "direct",
              pair + " converts only some values; the others fail per record");
        }
      }
      default -> {}
    }
    return new DirectRule(source.slug(), spec.get("source").asText());
  }

  private Rule jsonata(TargetField field, JsonNode spec) {
    if (!textOrAbsent(field.slug(), "jsonata", spec, "expression")) {
      return null;
    }
    String text = spec.path("expression").asText("");
    if (text.isBlank()) {
      error(field.slug(), "jsonata", "a jsonata rule needs an \"expression\"");
      return null;
    }
    try {
      return new JsonataRule(text, JsonataExpression.compile(text, timeoutMillis, maxDepth));
    } catch (JsonataSyntaxException e) {
      String at = e.position() >= 0 ? " at character " + (e.position() + 1) : "";
      error(field.slug(), text, "JSONata syntax error" + at + ": " + e.getMessage());
      return null;
    }
  }

  private Rule template(TargetField field, JsonNode spec) {
    if (!textOrAbsent(field.slug(), "template", spec, "template")) {
      return null;
    }
    String text = spec.path("template").asText("");
    if (text.isEmpty()) {
      error(field.slug(), "template", "a template rule needs a \"template\"");
      return null;
    }
    try {
      return new TemplateRule(text, new TemplateParser(sources).parse(text));
    } catch (TemplateParser.TemplateException e) {
      error(field.slug(), text, "template error: " + e.getMessage());
      return null;
    }
  }

  private Rule constant(TargetField field, JsonNode spec) {
    if (!spec.has("value")) {
      error(field.slug(), "constant", "a constant rule needs a \"value\"");
      return null;
    }
    return new ConstantRule(spec.get("value"));
  }

  private Rule reference(TargetField field, JsonNode spec) {
    if (!isReferenceType(field.type())) {
      error(
          field.slug(),
          "reference",
          "a reference rule writes Reference or MultiReference fields, not " + field.type());
      return null;
    }
    SourceField source = source(field, "reference", spec);
    if (source == null) {
      return null;
    }
    if (!source.type().equals("linkedrecordfield")) {
      error(
          field.slug(),
          "reference",
          "source '" + source.label() + "' is a " + source.type() + ", not a linked record field");
      return null;
    }
    if (!textOrAbsent(field.slug(), "reference", spec, "table")
        || !textOrAbsent(field.slug(), "reference", spec, "onMissing")) {
      return null;
    }
    JsonNode waitNode = spec.get("waitForLink");
    boolean wait = true;
    if (waitNode != null && !waitNode.isNull()) {
      String text = waitNode.asText().toLowerCase(Locale.ROOT);
      if (waitNode.isBoolean()) {
        wait = waitNode.booleanValue();
      } else if (waitNode.isTextual() && (text.equals("true") || text.equals("false"))) {
        warn(field.slug(), "reference", "\"waitForLink\" should be true or false, not text");
        wait = text.equals("true");
      } else {
        error(
            field.slug(),
            "reference",
            "\"waitForLink\" must be true or false, not " + Values.show(waitNode));
        return null;
      }
    }
    String table = spec.path("table").asText(null);
    if (table == null && source.params() != null) {
      table = source.params().path("linked_application").asText(null);
    }
    if (table == null || table.isBlank()) {
      error(
          field.slug(),
          "reference",
          "source '" + source.label() + "' names no linked table; set \"table\"");
      return null;
    }
    String onMissing = spec.path("onMissing").asText("error").toLowerCase(Locale.ROOT);
    if (!onMissing.equals("error") && !onMissing.equals("warn")) {
      error(
          field.slug(),
          "reference",
          "onMissing must be \"error\" or \"warn\", not \"" + onMissing + "\"");
      return null;
    }
    return new ReferenceRule(
        source.slug(), spec.get("source").asText(), table, wait, onMissing.equals("warn"));
  }

  private SourceField source(TargetField field, String kind, JsonNode spec) {
    if (!textOrAbsent(field.slug(), kind, spec, "source")) {
      return null;
    }
    String name = spec.path("source").asText("");
    if (name.isBlank()) {
      error(field.slug(), kind, "a " + kind + " rule needs a \"source\" field (slug or label)");
      return null;
    }
    Optional<SourceField> f = sources.resolve(name);
    if (f.isEmpty()) {
      List<String> near = sources.closest(name);
      error(
          field.slug(),
          kind,
          "unknown source field '"
              + name
              + "'"
              + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
      return null;
    }
    SourceField sf = f.get();
    return new SourceField(
        sf.slug(),
        sf.label() == null ? sf.slug() : sf.label(),
        sf.type() == null ? "" : sf.type(),
        sf.params());
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
        error(field.slug(), kind, "\"post\" takes transform calls as text, e.g. \"truncate(100)\"");
        ok = false;
        continue;
      }
      try {
        out.add(new TemplateParser(sources).parsePost(c.textValue()));
      } catch (TemplateParser.TemplateException e) {
        error(field.slug(), c.textValue(), "post-transform error: " + e.getMessage());
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
    if (!field.type().equals("Option")) {
      warn(slug, null, "\"options\" applies to Option fields only; ignored");
      return out;
    }
    if (!options.isObject()) {
      error(slug, null, "\"options\" must map source labels to Webflow option names or ids");
      return out;
    }
    options.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    OptionCoercer probe = new OptionCoercer(validations(field), Map.of());
    probe
        .unknownOverrideTargets(out)
        .forEach(
            (label, to) ->
                error(
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
    Optional<SourceField> source = sources.resolve(rule.name());
    if (source.isEmpty() || source.get().params() == null) {
      return;
    }
    for (JsonNode choice : source.get().params().path("choices")) {
      String label = choice.path("label").asText(null);
      if (label != null && coercer.idFor(label) == null) {
        warn(
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

  private void checkRequired(JsonNode fieldsNode) {
    for (TargetField f : target.fields()) {
      if (f.required()
          && !f.slug().equals("slug")
          && !f.slug().equals("name")
          && !fieldsNode.has(f.slug())) {
        error(
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

  private SlugPlan slugPlan(JsonNode spec) {
    if (spec.isMissingNode() || spec.isNull()) {
      return new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH);
    }
    if (!spec.isTextual() && !spec.isObject()) {
      error("slug", "slug", "\"slug\" must be a template or {\"template\", \"maxLength\"}");
      return new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH);
    }
    if (spec.isObject()) {
      unknownKeys("slug", "slug", spec, SLUG_KEYS, "the slug rule");
      textOrAbsent("slug", "slug", spec, "template");
    }
    String template = spec.isTextual() ? spec.textValue() : spec.path("template").asText(null);
    JsonNode maxNode = spec.path("maxLength");
    int max = Slugs.DEFAULT_MAX_LENGTH;
    if (!maxNode.isMissingNode() && !maxNode.isNull()) {
      Integer given = null;
      if (maxNode.isIntegralNumber() && maxNode.canConvertToInt()) {
        given = maxNode.asInt();
      } else if (maxNode.isTextual() && maxNode.asText().strip().matches("[0-9]{1,3}")) {
        given = Integer.parseInt(maxNode.asText().strip());
        warn("slug", "slug", "slug maxLength should be a number, not text");
      }
      if (given == null || given < 8 || given > 256) {
        error("slug", "slug", "slug maxLength must be an integer 8-256, not " + maxNode);
      } else {
        max = given;
      }
    }
    if (template == null) {
      return new SlugPlan(null, max);
    }
    try {
      return new SlugPlan(new TemplateParser(sources).parse(template), max);
    } catch (TemplateParser.TemplateException e) {
      error("slug", template, "template error: " + e.getMessage());
      return new SlugPlan(null, max);
    }
  }

  private StatusPlan statusPlan(JsonNode spec) {
    if (spec.isMissingNode() || spec.isNull()) {
      return null;
    }
    if (!spec.isObject()) {
      error(null, "status", "\"status\" must be an object {\"source\", \"actions\", \"default\"}");
      return null;
    }
    unknownKeys(null, "status", spec, STATUS_KEYS, "the status rule");
    if (!textOrAbsent(null, "status", spec, "source")
        || !textOrAbsent(null, "status", spec, "default")) {
      return null;
    }
    JsonNode actionsNode = spec.path("actions");
    if (!actionsNode.isMissingNode() && !actionsNode.isNull() && !actionsNode.isObject()) {
      error(null, "status", "\"actions\" must map status labels to actions");
      return null;
    }
    String name = spec.path("source").asText("");
    Optional<SourceField> source = sources.resolve(name);
    if (source.isEmpty()) {
      List<String> near = sources.closest(name);
      error(
          null,
          "status",
          "status rule: unknown source field '"
              + name
              + "'"
              + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
      return null;
    }
    Map<String, ItemAction> actions = new HashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("actions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ItemAction a = action(e.getValue().asText());
      if (a == null) {
        ok = false;
      } else {
        actions.put(StatusPlan.key(e.getKey()), a);
      }
    }
    ItemAction fallback =
        spec.has("default") ? action(spec.get("default").asText()) : ItemAction.DEFAULT;
    if (!ok || fallback == null) {
      return null;
    }
    if (actions.isEmpty()) {
      warn(null, "status", "status rule has no \"actions\"; every record gets the default action");
    }
    return new StatusPlan(source.get().slug(), name, actions, fallback);
  }

  private ItemAction action(String name) {
    try {
      return ItemAction.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      error(
          null,
          "status",
          "unknown action '" + name + "'; use publish, draft, archive, delete or default");
      return null;
    }
  }

  private static boolean isReferenceType(String type) {
    return type.equals("Reference") || type.equals("MultiReference");
  }

  private static JsonNode validations(TargetField f) {
    return f.validations() == null ? MissingNode.getInstance() : f.validations();
  }

  private void error(String field, String rule, String message) {
    problems.add(new Problem(field, rule, message, true));
  }

  private void warn(String field, String rule, String message) {
    problems.add(new Problem(field, rule, message, false));
  }
}
