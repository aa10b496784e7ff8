package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.mapping.MappingContext;

/** Always the same value. Immutable, thread-safe (the value is never handed out mutable). */
record ConstantRule(JsonNode value) implements Rule {
  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    return value.deepCopy();
  }

  @Override
  public JsonNode input(RecordView record) {
    return MissingNode.getInstance();
  }

  @Override
  public String describe() {
    return "constant(" + Values.show(value) + ")";
  }
}
