package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.TargetField;
import java.util.Set;

/** {@code template}: text with {@code {{field}}} placeholders and transforms. */
final class TemplateRuleCompiler implements RuleCompiler {
  private final CompileContext ctx;

  TemplateRuleCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Set<String> keys() {
    return Set.of("template");
  }

  @Override
  public Rule compile(TargetField field, JsonNode spec, Coercer coercer) {
    if (!ctx.textOrAbsent(field.slug(), "template", spec, "template")) {
      return null;
    }
    String text = spec.path("template").asText("");
    if (text.isEmpty()) {
      ctx.error(field.slug(), "template", "a template rule needs a \"template\"");
      return null;
    }
    try {
      return new TemplateRule(text, new TemplateParser(ctx.sources()).parse(text));
    } catch (TemplateParser.TemplateException e) {
      ctx.error(field.slug(), text, "template error: " + e.getMessage());
      return null;
    }
  }
}
