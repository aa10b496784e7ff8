package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.TargetField;
import java.util.Set;

/** {@code jsonata}: an expression over the record, compiled once with its time and depth limits. */
final class JsonataRuleCompiler implements RuleCompiler {
  private final CompileContext ctx;

  JsonataRuleCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Set<String> keys() {
    return Set.of("expression");
  }

  @Override
  public Rule compile(TargetField field, JsonNode spec, Coercer coercer) {
    if (!ctx.textOrAbsent(field.slug(), "jsonata", spec, "expression")) {
      return null;
    }
    String text = spec.path("expression").asText("");
    if (text.isBlank()) {
      ctx.error(field.slug(), "jsonata", "a jsonata rule needs an \"expression\"");
      return null;
    }
    try {
      return new JsonataRule(
          text, JsonataExpression.compile(text, ctx.timeoutMillis(), ctx.maxDepth()));
    } catch (JsonataSyntaxException e) {
      String at = e.position() >= 0 ? " at character " + (e.position() + 1) : "";
      ctx.error(field.slug(), text, "JSONata syntax error" + at + ": " + e.getMessage());
      return null;
    }
  }
}
