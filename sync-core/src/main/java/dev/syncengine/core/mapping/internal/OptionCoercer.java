package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Option: a source choice label becomes the Webflow option id, matched by name (ignoring case and
 * surrounding spaces) unless the rule's {@code options} overrides it. Immutable, thread-safe.
 */
final class OptionCoercer implements Coercer {
  private final Map<String, String> idsByKey = new HashMap<>();
  private final Map<String, String> overrides = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final String type;

  /**
   * @param validations the field's validations, with {@code options[{id, name}]}
   * @param overrides source label to option name or id
   * @param type the field type as the target calls it, for messages
   */
  OptionCoercer(JsonNode validations, Map<String, String> overrides, String type) {
    this.type = type;
    for (JsonNode o : validations.path("options")) {
      String id = o.path("id").asText(null);
      String name = o.path("name").asText(null);
      if (id == null || name == null) {
        continue;
      }
      names.add(name);
      idsByKey.put(id, id);
      idsByKey.putIfAbsent(name, id);
      idsByKey.putIfAbsent(key(name), id);
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      this.overrides.put(key(e.getKey()), e.getValue());
    }
  }

  /** Override targets that name no option, for compile-time checks. */
  Map<String, String> unknownOverrideTargets(Map<String, String> raw) {
    Map<String, String> bad = new LinkedHashMap<>();
    raw.forEach(
        (label, target) -> {
          if (lookup(target) == null) {
            bad.put(label, target);
          }
        });
    return bad;
  }

  /** The option id a label maps to, or null. */
  String idFor(String label) {
    String target = overrides.get(key(label));
    return lookup(target != null ? target : label);
  }

  List<String> names() {
    return names;
  }

  @Override
  public JsonNode coerce(JsonNode value, Issues issues) {
    JsonNode one = Coercer.single(value, type, issues);
    if (one.isObject()) {
      one = one.has("label") ? one.get("label") : one.path("value");
    }
    if (!one.isValueNode()) {
      throw Coercer.cannot(value, type, "expected a choice label");
    }
    String label = Values.text(one);
    String id = idFor(label);
    if (id == null) {
      throw new TransformException(
          "'" + label + "' is not an option of this field; allowed: " + String.join(", ", names));
    }
    return Values.JSON.textNode(id);
  }

  private String lookup(String labelOrId) {
    if (labelOrId == null) {
      return null;
    }
    String id = idsByKey.get(labelOrId);
    return id != null ? id : idsByKey.get(key(labelOrId));
  }

  private static String key(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
