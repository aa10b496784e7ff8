package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.mapping.MappingContext;

/** Evaluates a JSONata expression over the record. Immutable, thread-safe. */
record JsonataRule(String source, JsonataExpression expression) implements Rule {
  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    return expression.evaluate(record.jsonataInput());
  }

  @Override
  public JsonNode input(RecordView record) {
    return MissingNode.getInstance();
  }

  @Override
  public String describe() {
    return "jsonata(" + source + ")";
  }
}
