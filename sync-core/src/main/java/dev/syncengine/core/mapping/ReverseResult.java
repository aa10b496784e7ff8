package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@link ReverseMapping#reverse} made of one target item: the source values to write and the
 * fields that could not be carried back.
 *
 * @param values source field slug to value, in the normalised shapes source sessions read (see
 *     {@code docs/mapping.md}); {@code null} clears the field. Only fields the target owns (or
 *     both) that changed since the previous snapshot. Give it to {@code RecordWriter}.
 * @param errors one message per field left out, naming the field, the rule and the value
 */
public record ReverseResult(Map<String, JsonNode> values, List<String> errors) {
  public ReverseResult {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    errors = List.copyOf(errors);
  }

  /** True when there is nothing to write. */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
