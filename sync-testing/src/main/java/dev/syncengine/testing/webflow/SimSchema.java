package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One collection's schema: its fields ({@code name} and {@code slug} added unless given), their
 * JSON, and the check of a {@code fieldData} against them. Immutable and thread-safe.
 */
final class SimSchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final String id;
  final String displayName;
  final String slug;
  final String singularName;
  final List<SimField> fields;
  private final Map<String, SimField> fieldsBySlug = new HashMap<>();
  private final Map<String, String> displayNames;
  final SimPlanLimits limits;

  SimSchema(String id, String displayName, String slug, List<SimField> fields) {
    this(id, displayName, slug, fields, new SimPlanLimits());
  }

  SimSchema(
      String id, String displayName, String slug, List<SimField> fields, SimPlanLimits limits) {
    this(id, displayName, displayName, slug, fields, Map.of(), limits);
  }

  SimSchema(
      String id,
      String displayName,
      String singularName,
      String slug,
      List<SimField> fields,
      Map<String, String> displayNames,
      SimPlanLimits limits) {
    this.limits = limits;
    this.id = id;
    this.singularName = singularName;
    this.displayNames = Map.copyOf(displayNames);
    this.displayName = displayName;
    this.slug = slug;
    List<SimField> all = new ArrayList<>();
    if (fields.stream().noneMatch(f -> f.slug().equals("name"))) {
      all.add(SimField.required("name", "PlainText"));
    }
    if (fields.stream().noneMatch(f -> f.slug().equals("slug"))) {
      all.add(SimField.required("slug", "PlainText"));
    }
    all.addAll(fields);
    this.fields = List.copyOf(all);
    this.fields.forEach(f -> fieldsBySlug.put(f.slug(), f));
  }

  ObjectNode schemaJson() {
    ObjectNode o = summaryJson();
    ArrayNode arr = o.putArray("fields");
    int i = 0;
    for (SimField f : fields) {
      ObjectNode fj = arr.addObject();
      fj.put("id", id.substring(0, 16) + String.format("%08x", i++));
      fj.put("isEditable", true);
      fj.put("isRequired", f.required());
      fj.put("type", f.type());
      fj.put("slug", f.slug());
      fj.put("displayName", displayNames.getOrDefault(f.slug(), f.slug()));
      fj.set("validations", f.validations().isEmpty() ? F.nullNode() : f.validations());
    }
    return o;
  }

  /** The field of this slug, or null. */
  SimField field(String fieldSlug) {
    return fieldsBySlug.get(fieldSlug);
  }

  /** This schema with {@code f} added, or in place of the field of its slug. */
  SimSchema with(SimField f, String fieldDisplayName) {
    List<SimField> next = new ArrayList<>();
    boolean replaced = false;
    for (SimField old : fields) {
      replaced |= old.slug().equals(f.slug());
      next.add(old.slug().equals(f.slug()) ? f : old);
    }
    if (!replaced) {
      next.add(f);
    }
    Map<String, String> names = new HashMap<>(displayNames);
    names.put(f.slug(), fieldDisplayName == null ? f.slug() : fieldDisplayName);
    return new SimSchema(id, displayName, singularName, slug, next, names, limits);
  }

  /** This schema without the field of this slug. */
  SimSchema without(String fieldSlug) {
    List<SimField> next = fields.stream().filter(f -> !f.slug().equals(fieldSlug)).toList();
    Map<String, String> names = new HashMap<>(displayNames);
    names.remove(fieldSlug);
    return new SimSchema(id, displayName, singularName, slug, next, names, limits);
  }

  /** The JSON of one field, as the schema lists it. */
  ObjectNode fieldJson(String fieldSlug) {
    for (JsonNode f : schemaJson().path("fields")) {
      if (f.path("slug").asText().equals(fieldSlug)) {
        return (ObjectNode) f;
      }
    }
    return null;
  }

  ObjectNode summaryJson() {
    ObjectNode o = F.objectNode();
    o.put("id", id);
    o.put("displayName", displayName);
    o.put("singularName", singularName);
    o.put("slug", slug);
    o.put("createdOn", "2024-01-01T00:00:00.000Z");
    o.put("lastUpdated", "2024-01-01T00:00:00.000Z");
    return o;
  }

  /**
   * Adds to {@code errors} what is wrong with {@code fd}: missing required fields (on a create),
   * unknown fields, wrong types, references over the plan's limit.
   */
  void validate(ObjectNode fd, boolean create, List<String[]> errors) {
    if (create) {
      for (SimField f : fields) {
        JsonNode v = fd.get(f.slug());
        if (f.required() && (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty()))) {
          errors.add(new String[] {f.slug(), "Field is required: " + f.slug()});
        }
      }
    }
    fd.fields()
        .forEachRemaining(
            e -> {
              SimField f = fieldsBySlug.get(e.getKey());
              if (f == null) {
                errors.add(
                    new String[] {e.getKey(), "Field not described in schema: " + e.getKey()});
                return;
              }
              String problem = SimFieldTypes.check(f, e.getValue());
              if (problem != null) {
                errors.add(new String[] {f.slug(), problem});
              }
            });
    limits.checkReferences(fields, fd, errors);
  }
}
