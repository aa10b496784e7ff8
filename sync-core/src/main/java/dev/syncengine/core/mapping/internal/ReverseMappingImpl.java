package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.FieldOwner;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.mapping.ReverseResult;
import dev.syncengine.core.model.SourceRecord;
import java.math.BigDecimal;
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
    Map<String, JsonNode> out = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Field f : fields) {
      String slug = f.plan().target().slug();
      JsonNode x = fieldData == null ? null : fieldData.get(slug);
      if (!f.owner().targetWrites() || f.inverter() == null || x == null) {
        continue; // not ours to carry back, or the item does not say
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

  /** Equal as target values: empty equals empty, numbers by value, instants by instant. */
  static boolean same(JsonNode a, JsonNode b) {
    boolean ea = a == null || Values.isEmpty(a) || (a.isBoolean() && !a.booleanValue());
    boolean eb = b == null || Values.isEmpty(b) || (b.isBoolean() && !b.booleanValue());
    if (ea || eb) {
      return ea && eb;
    }
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = Values.number(a);
      BigDecimal y = Values.number(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a.isTextual() && b.isTextual() && !a.textValue().equals(b.textValue())) {
      try {
        return Instant.parse(a.textValue()).equals(Instant.parse(b.textValue()));
      } catch (RuntimeException e) {
        return false;
      }
    }
    return a.equals(b);
  }
}
