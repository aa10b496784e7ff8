package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.mapping.MappingContext;

/**
 * Renders a text template. A template that is one expression and nothing else ({@code
 * "{{round(Price, 2)}}"}) yields that expression's value, so numbers stay numbers. Immutable,
 * thread-safe.
 */
record TemplateRule(String source, Template template) implements Rule {
  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    TemplateExpr sole = template.soleExpression();
    if (sole != null) {
      return sole.eval(record);
    }
    return Values.JSON.textNode(template.render(record));
  }

  @Override
  public JsonNode input(RecordView record) {
    return MissingNode.getInstance();
  }

  @Override
  public String describe() {
    return "template(" + source + ")";
  }
}
