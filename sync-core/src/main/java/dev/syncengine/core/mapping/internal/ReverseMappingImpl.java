package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.FieldOwner;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.mapping.ReverseResult;
import dev.syncengine.core.model.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse of a compiled mapping: per target field its owner and, when the rule has one, its
 * inverse. Each reversed value is run through the forward plan again and kept only when it comes
 * back as the target value it was made from. Immutable and thread-safe.
 */
final class ReverseMappingImpl implements ReverseMapping {
  /** One field: its forward plan, the source field its inverse writes, owner and inverse. */
  record Field(
      FieldPlan plan,
      String sourceSlug,
      FieldOwner owner,
      Inversions.Inverter inverter,
      FieldDirection direction) {}

  private final List<Field> fields;
  private final List<FieldDirection> directions;
  private final Map<String, String> aliases;

  ReverseMappingImpl(List<Field> fields, Map<String, String> aliases) {
    this.fields = List.copyOf(fields);
    this.directions = fields.stream().map(Field::direction).toList();
    this.aliases = Map.copyOf(aliases);
  }

  @Override
  public List<FieldDirection> directions() {
    return directions;
  }

  @Override
  public ReverseResult reverse(JsonNode fieldData, JsonNode previous) {
    return run(fieldData, previous, false);
  }

  @Override
  public ReverseResult reverseAll(JsonNode fieldData) {
    return run(fieldData, null, true);
  }

  private ReverseResult run(JsonNode fieldData, JsonNode previous, boolean all) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    List<Field> order = new ArrayList<>(fields);
    if (all) {
      // Fields the target owns first, so they win a source field two target fields write back.
      order.sort((a, b) -> Boolean.compare(b.owner().targetWrites(), a.owner().targetWrites()));
    }
    for (Field f : order) {
      String slug = f.plan().target().slug();
      JsonNode x = fieldData == null ? null : fieldData.get(slug);
      if ((!all && !f.owner().targetWrites()) || f.inverter() == null || x == null) {
        continue; // not ours to carry back, or the item does not say
      }
      if (all && out.containsKey(f.sourceSlug())) {
        continue;
      }
      if (previous != null && same(previous.path(slug), x)) {
        continue;
      }
      try {
        JsonNode v = f.inverter().invert(x);
        JsonNode back = forward(f, v);
        if (same(back, x)) {
          out.put(f.sourceSlug(), v);
        } else {
          errors.add(
              f.plan().prefix()
                  + "the value "
                  + Values.show(x)
                  + " would come back as "
                  + Values.show(back)
                  + "; left out");
        }
      } catch (TransformException | LinkPendingException e) {
        errors.add(f.plan().prefix() + e.getMessage());
      }
    }
    return new ReverseResult(out, errors);
  }

  private JsonNode forward(Field f, JsonNode sourceValue) {
    ObjectNode values = Values.JSON.objectNode();
    values.set(f.sourceSlug(), sourceValue);
    RecordView view = new RecordView(new SourceRecord("reverse", Instant.EPOCH, values), aliases);
    return f.plan().value(view, MappingContext.NONE, new Issues());
  }

  static boolean same(JsonNode a, JsonNode b) {
    return TargetValues.same(a, b);
  }
}
