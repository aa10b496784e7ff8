package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.model.FieldConstraints;
import java.util.LinkedHashSet;
import java.util.Set;

/** References to one or several target items: item ids. Thread-safe. */
final class ReferenceCoercers {
  private ReferenceCoercers() {}

  static Coercer reference(String type) {
    return (v, issues) -> {
      JsonNode one = Coercer.single(v, type, issues);
      return Values.JSON.textNode(itemId(one, type));
    };
  }

  /**
   * Item ids, de-duplicated in order. More than the field's {@code maxItems} fails the record: a
   * reference silently dropped would be a wrong page, so the error names the limit.
   */
  static Coercer multiReference(String type, FieldConstraints limits) {
    return (v, issues) -> {
      Set<String> ids = new LinkedHashSet<>();
      if (v.isArray()) {
        for (JsonNode e : v) {
          if (!Values.isEmpty(e)) {
            ids.add(itemId(e, type));
          }
        }
      } else {
        ids.add(itemId(v, type));
      }
      Integer max = limits.maxItems();
      if (max != null && ids.size() > max) {
        throw new TransformException(
            type
                + " holds at most "
                + max
                + " references (the target's limit); this record links "
                + ids.size());
      }
      ArrayNode out = Values.JSON.arrayNode(ids.size());
      ids.forEach(out::add);
      return out;
    };
  }

  private static String itemId(JsonNode v, String type) {
    if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > 64) {
      throw Coercer.cannot(v, type, "expected a Webflow item id (use a reference rule)");
    }
    return v.textValue().strip();
  }
}
