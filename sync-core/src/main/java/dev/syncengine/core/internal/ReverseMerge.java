package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.internal.TwoWayOptions.ConflictPolicy;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.mapping.ReverseResult;
import dev.syncengine.core.model.IdMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-way merge of one target item with its record, field by field, with the id map's
 * snapshot (what both sides held after the last sync) as the base. A field the target owns (or
 * both) that the target changed is carried back; if the source changed it too, to another value,
 * the conflict policy decides and the losing value is kept in the result. Stateless.
 */
final class ReverseMerge {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to do for one item.
   *
   * @param values source field slug → value to write
   * @param snapshot the id map snapshot once {@code values} are written: what the target holds now
   *     for the fields it changed (carried back, already equal, or lost to the source and written
   *     forward next), the base elsewhere
   * @param conflicts one {@code {field, winner, kept, lost}} per conflicting field
   * @param errors fields that could not be carried back
   * @param forwardNeeded the target must be written from the source afterwards (the source won a
   *     field)
   */
  record Result(
      Map<String, JsonNode> values,
      ObjectNode snapshot,
      ArrayNode conflicts,
      List<String> errors,
      boolean forwardNeeded) {

    boolean nothingToDo() {
      return values.isEmpty() && conflicts.isEmpty() && !forwardNeeded;
    }
  }

  private ReverseMerge() {}

  /** The fields of a delivered item ({@code payload.fieldData}, or the payload itself in v1). */
  static JsonNode fieldData(JsonNode payload) {
    if (payload == null) {
      return JSON.createObjectNode();
    }
    JsonNode fd = payload.get("fieldData");
    return fd != null && fd.isObject() ? fd : payload;
  }

  /**
   * A delivery newer than our last write to the item.
   *
   * @param forward the record mapped forward now, or null when unknown (then the source counts as
   *     unchanged)
   * @param sourceAt the record's version now
   * @param targetAt the delivered item's version
   */
  static Result fresh(
      ReverseMapping reverse,
      ConflictPolicy policy,
      JsonNode item,
      IdMapping m,
      JsonNode forward,
      Instant sourceAt,
      Instant targetAt) {
    ObjectNode base = m.snapshot() == null ? JSON.createObjectNode() : m.snapshot();
    ObjectNode snapshot = base.deepCopy();
    Acc acc = new Acc(reverse);
    for (FieldDirection d : reverse.directions()) {
      String t = d.field();
      JsonNode x = item.get(t);
      if (!d.owner().targetWrites() || !d.invertible() || x == null || same(base.get(t), x)) {
        continue; // not carried back, or not changed at the target
      }
      JsonNode src = forward == null ? null : forward.get(t);
      boolean sourceChanged = forward != null && !same(src, base.get(t));
      if (sourceChanged && same(src, x)) {
        snapshot.set(t, x.deepCopy()); // both made the same change
        continue;
      }
      if (sourceChanged) {
        boolean targetWins = targetWins(policy, targetAt, sourceAt);
        acc.conflict(t, targetWins, x, src);
        if (!targetWins) {
          // The snapshot takes what Webflow holds, so the source's value, which differs from it,
          // is written forward, and later deliveries still showing the lost value are no change.
          snapshot.set(t, x.deepCopy());
          acc.forwardNeeded = true;
          continue;
        }
      }
      if (acc.carry(t, x)) {
        snapshot.set(t, x.deepCopy());
      }
    }
    return acc.result(snapshot);
  }

  private static boolean targetWins(ConflictPolicy policy, Instant targetAt, Instant sourceAt) {
    return switch (policy) {
      case TARGET -> true;
      case SOURCE -> false;
      case NEWEST -> targetAt != null && (sourceAt == null || targetAt.isAfter(sourceAt));
    };
  }

  static boolean same(JsonNode a, JsonNode b) {
    return ReverseMapping.sameValue(a, b);
  }

  /** Collects one item's merge. */
  private static final class Acc {
    final ReverseMapping reverse;
    final Map<String, JsonNode> values = new LinkedHashMap<>();
    final ArrayNode conflicts = JSON.createArrayNode();
    final List<String> errors = new ArrayList<>();
    boolean forwardNeeded;

    Acc(ReverseMapping reverse) {
      this.reverse = reverse;
    }

    /** Adds the source value of target field {@code t}; false when it cannot be carried back. */
    boolean carry(String t, JsonNode x) {
      ObjectNode one = JSON.createObjectNode();
      one.set(t, x);
      ReverseResult r = reverse.reverse(one, null);
      errors.addAll(r.errors());
      values.putAll(r.values());
      return !r.values().isEmpty();
    }

    void conflict(String t, boolean targetWins, JsonNode targetValue, JsonNode sourceValue) {
      ObjectNode c = conflicts.addObject();
      c.put("field", t);
      c.put("winner", targetWins ? "webflow" : "smartsuite");
      c.set("kept", copy(targetWins ? targetValue : sourceValue));
      c.set("lost", copy(targetWins ? sourceValue : targetValue));
    }

    Result result(ObjectNode snapshot) {
      return new Result(values, snapshot, conflicts, errors, forwardNeeded);
    }

    private static JsonNode copy(JsonNode n) {
      return n == null ? NullNode.getInstance() : n.deepCopy();
    }
  }
}
