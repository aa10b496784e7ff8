package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetField;
import java.util.Locale;
import java.util.Set;

/**
 * {@code reference}: a linked-record source field written as Webflow item ids of the linked table's
 * items ({@code table}, {@code onMissing}, {@code waitForLink}).
 */
final class ReferenceRuleCompiler implements RuleCompiler {
  private final CompileContext ctx;

  ReferenceRuleCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Set<String> keys() {
    return Set.of("source", "table", "onMissing", "waitForLink");
  }

  @Override
  public Rule compile(TargetField field, JsonNode spec, Coercer coercer) {
    String slug = field.slug();
    if (!CompileContext.isReference(field.kind())) {
      ctx.error(
          slug,
          "reference",
          "a reference rule writes Reference or MultiReference fields, not " + field.type());
      return null;
    }
    SourceField source = ctx.source(slug, "reference", spec);
    if (source == null) {
      return null;
    }
    if (source.kind() != SourceKind.LINKED_RECORDS) {
      ctx.error(
          slug,
          "reference",
          "source '" + source.label() + "' is a " + source.type() + ", not a linked record field");
      return null;
    }
    if (!ctx.textOrAbsent(slug, "reference", spec, "table")
        || !ctx.textOrAbsent(slug, "reference", spec, "onMissing")) {
      return null;
    }
    Boolean wait = waitForLink(slug, spec.get("waitForLink"));
    if (wait == null) {
      return null;
    }
    String table = table(slug, spec, source);
    if (table == null) {
      return null;
    }
    String onMissing = spec.path("onMissing").asText("error").toLowerCase(Locale.ROOT);
    if (!onMissing.equals("error") && !onMissing.equals("warn")) {
      ctx.error(
          slug, "reference", "onMissing must be \"error\" or \"warn\", not \"" + onMissing + "\"");
      return null;
    }
    return new ReferenceRule(
        source.slug(), spec.get("source").asText(), table, wait, onMissing.equals("warn"));
  }

  /** {@code waitForLink}, true when absent; null after an error. */
  private Boolean waitForLink(String slug, JsonNode waitNode) {
    if (waitNode == null || waitNode.isNull()) {
      return true;
    }
    String text = waitNode.asText().toLowerCase(Locale.ROOT);
    if (waitNode.isBoolean()) {
      return waitNode.booleanValue();
    }
    if (waitNode.isTextual() && (text.equals("true") || text.equals("false"))) {
      ctx.warn(slug, "reference", "\"waitForLink\" should be true or false, not text");
      return text.equals("true");
    }
    ctx.error(
        slug, "reference", "\"waitForLink\" must be true or false, not " + Values.show(waitNode));
    return null;
  }

  /**
   * The linked table: {@code table}, else the source field's linked application; null after an
   * error.
   */
  private String table(String slug, JsonNode spec, SourceField source) {
    String table = spec.path("table").asText(null);
    if (table == null && source.params() != null) {
      table = source.params().path("linked_application").asText(null);
    }
    if (table == null || table.isBlank()) {
      ctx.error(
          slug,
          "reference",
          "source '" + source.label() + "' names no linked table; set \"table\"");
      return null;
    }
    return table;
  }
}
