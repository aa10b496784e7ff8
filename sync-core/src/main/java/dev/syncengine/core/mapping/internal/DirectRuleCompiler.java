package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetField;
import java.util.Set;

/** {@code direct}: a source field's value, checked against the type compatibility matrix. */
final class DirectRuleCompiler implements RuleCompiler {
  private final CompileContext ctx;

  DirectRuleCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Set<String> keys() {
    return Set.of("source");
  }

  @Override
  public Rule compile(TargetField field, JsonNode spec, Coercer coercer) {
    SourceField source = ctx.source(field.slug(), "direct", spec);
    if (source == null) {
      return null;
    }
    TypeCompatibility.Fit fit = TypeCompatibility.of(source.kind(), field.kind());
    String pair = "source '" + source.label() + "' (" + source.type() + ") to " + field.type();
    switch (fit) {
      case NO -> {
        ctx.error(
            field.slug(),
            "direct",
            "incompatible types: "
                + pair
                + " cannot convert; see the compatibility matrix in docs/mapping.md");
        return null;
      }
      case REFERENCE -> {
        ctx.error(
            field.slug(),
            "direct",
            pair
                + " needs a reference rule: {\"rule\": \"reference\", \"source\": \""
                + source.label()
                + "\"}");
        return null;
      }
      case LOSSY -> {
        if (source.kind() == SourceKind.UNKNOWN) {
          ctx.warn(
              field.slug(),
              "direct",
              "unknown source type " + source.type() + "; values are checked per record");
        } else if (!(coercer instanceof OptionCoercer)) {
          ctx.warn(
              field.slug(),
              "direct",
              pair + " converts only some values; the others fail per record");
        }
      }
      default -> {}
    }
    return new DirectRule(source.slug(), spec.get("source").asText());
  }
}
