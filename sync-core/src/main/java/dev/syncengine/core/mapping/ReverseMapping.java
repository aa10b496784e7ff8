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

        @Override
        public ReverseResult reverseAll(JsonNode fieldData) {
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

  /**
   * The source values of a whole target item, whoever owns each field: for a record created from an
   * item made at the target. Every field whose rule has an inverse, checked like {@link #reverse};
   * when two target fields write back one source field, the one owned by the target (or both) wins,
   * else the first.
   */
  ReverseResult reverseAll(JsonNode fieldData);

  /**
   * Whether two target values are the same value (empty equals empty and {@code false}, numbers by
   * value, date-times by instant): how the reverse path tells a changed field from an echo.
   */
  static boolean sameValue(JsonNode a, JsonNode b) {
    return dev.syncengine.core.mapping.internal.TargetValues.same(a, b);
  }
}
