package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The target-to-source direction of a compiled mapping ({@link CompiledMapping#reverse()}): the
 * derived inverse of each rule that has one, for the fields the target owns.
 *
 * <pre>{@code
 * ReverseResult r = mapping.reverse().reverse(item.fieldData(), idMapEntry.snapshot());
 * if (!r.isEmpty()) writer.update(recordId, r.values());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public interface ReverseMapping {

  /** A mapping whose fields are all owned by the source: nothing flows back. */
  ReverseMapping NONE =
      new ReverseMapping() {
        @Override
        public List<FieldDirection> directions() {
          return List.of();
        }

        @Override
        public ReverseResult reverse(JsonNode fieldData, JsonNode previous) {
          return new ReverseResult(Map.of(), List.of());
        }
      };

  /** Every mapped target field with its owner and whether its rule can be inverted. */
  List<FieldDirection> directions();

  /**
   * The source values for a target item's {@code fieldData}: for each field the target owns (or
   * both) whose value differs from {@code previous} (the last {@code fieldData} synced, e.g. the id
   * map's snapshot; null: every owned field), the inverse of its rule. A value that would not come
   * back unchanged through the forward rule (forward(reverse(x)) != x) is left out with an error,
   * so a reverse write can never start a ping-pong. Never throws for bad values.
   */
  ReverseResult reverse(JsonNode fieldData, JsonNode previous);
}
