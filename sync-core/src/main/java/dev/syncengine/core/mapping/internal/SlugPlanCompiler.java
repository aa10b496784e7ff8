package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.Slugs;
import java.util.Set;

/** Compiles the top-level {@code slug} section (a template and a maximum length). */
final class SlugPlanCompiler {
  private static final Set<String> SLUG_KEYS = Set.of("template", "maxLength");

  private final CompileContext ctx;

  SlugPlanCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  SlugPlan compile(JsonNode spec) {
    if (spec.isMissingNode() || spec.isNull()) {
      return new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH);
    }
    if (!spec.isTextual() && !spec.isObject()) {
      ctx.error("slug", "slug", "\"slug\" must be a template or {\"template\", \"maxLength\"}");
      return new SlugPlan(null, Slugs.DEFAULT_MAX_LENGTH);
    }
    if (spec.isObject()) {
      ctx.unknownKeys("slug", "slug", spec, SLUG_KEYS, "the slug rule");
      ctx.textOrAbsent("slug", "slug", spec, "template");
    }
    String template = spec.isTextual() ? spec.textValue() : spec.path("template").asText(null);
    int max = maxLength(spec.path("maxLength"));
    if (template == null) {
      return new SlugPlan(null, max);
    }
    try {
      return new SlugPlan(new TemplateParser(ctx.sources()).parse(template), max);
    } catch (TemplateParser.TemplateException e) {
      ctx.error("slug", template, "template error: " + e.getMessage());
      return new SlugPlan(null, max);
    }
  }

  /** {@code maxLength}, 8–256; the default when absent or (after an error) invalid. */
  private int maxLength(JsonNode maxNode) {
    int max = Slugs.DEFAULT_MAX_LENGTH;
    if (!maxNode.isMissingNode() && !maxNode.isNull()) {
      Integer given = null;
      if (maxNode.isIntegralNumber() && maxNode.canConvertToInt()) {
        given = maxNode.asInt();
      } else if (maxNode.isTextual() && maxNode.asText().strip().matches("[0-9]{1,3}")) {
        given = Integer.parseInt(maxNode.asText().strip());
        ctx.warn("slug", "slug", "slug maxLength should be a number, not text");
      }
      if (given == null || given < 8 || given > 256) {
        ctx.error("slug", "slug", "slug maxLength must be an integer 8-256, not " + maxNode);
      } else {
        max = given;
      }
    }
    return max;
  }
}
