package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.TargetField;
import java.util.Set;

/** {@code constant}: the same value for every record. */
final class ConstantRuleCompiler implements RuleCompiler {
  private final CompileContext ctx;

  ConstantRuleCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Set<String> keys() {
    return Set.of("value");
  }

  @Override
  public Rule compile(TargetField field, JsonNode spec, Coercer coercer) {
    if (!spec.has("value")) {
      ctx.error(field.slug(), "constant", "a constant rule needs a \"value\"");
      return null;
    }
    return new ConstantRule(spec.get("value"));
  }
}
