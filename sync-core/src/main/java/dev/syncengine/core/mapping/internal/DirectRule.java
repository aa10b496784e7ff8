package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingContext;

/** Copies one source field. Immutable, thread-safe. */
record DirectRule(String slug, String name) implements Rule {
  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    return record.get(slug);
  }

  @Override
  public JsonNode input(RecordView record) {
    return record.get(slug);
  }

  @Override
  public String describe() {
    return "direct(" + name + ")";
  }
}
