package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a simulated SmartSuite table, as {@code GET /applications/{id}/} reports it in
 * {@code structure}.
 *
 * <pre>{@code
 * SimField.of("s1a2b3c4d5", "Price", "currencyfield");
 * SimField.choices("s9f8e7d6c5", "Colour", "singleselectfield", Map.of("c1", "Red", "c2", "Blue"));
 * SimField.linked("s0a0b0c0d0", "Category", "tbl_categories");
 * }</pre>
 *
 * @param slug the key values are stored under
 * @param label the name people see
 * @param fieldType SmartSuite's field type, e.g. {@code textfield}
 * @param params the field parameters (choices, linked table, ...)
 */
public record SimField(String slug, String label, String fieldType, ObjectNode params) {
  public SimField {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(fieldType, "fieldType");
    params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
  }

  /** A field without parameters. */
  public static SimField of(String slug, String label, String fieldType) {
    return new SimField(slug, label, fieldType, null);
  }

  /** A choice field (single/multiple select, status, tags) with choice id → label, in order. */
  public static SimField choices(
      String slug, String label, String fieldType, Map<String, String> idToLabel) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    ArrayNode choices = params.putArray("choices");
    idToLabel.forEach((id, l) -> choices.addObject().put("value", id).put("label", l));
    return new SimField(slug, label, fieldType, params);
  }

  /** A linked-record field pointing at another table. */
  public static SimField linked(String slug, String label, String linkedTableId) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("linked_application", linkedTableId);
    params.put("entries_allowed", "multiple");
    return new SimField(slug, label, "linkedrecordfield", params);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("slug", slug).put("label", label).put("field_type", fieldType);
    n.set("params", params.deepCopy());
    return n;
  }
}
