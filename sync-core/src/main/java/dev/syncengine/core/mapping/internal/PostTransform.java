package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A transform applied to a rule's output, with literal arguments: {@code truncate(100)}. Immutable.
 */
public record PostTransform(Transform transform, List<JsonNode> args) {
  public PostTransform {
    args = List.copyOf(args);
  }

  public JsonNode apply(JsonNode value) {
    return transform.apply(value, args);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(transform.id());
    if (!args.isEmpty()) {
      sb.append('(');
      for (int i = 0; i < args.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(args.get(i));
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
