package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a mapped item's secondary-locale values travel: under the key {@value #KEY} of its {@code
 * fieldData}, an object of locale id (Webflow's {@code cmsLocaleId}) to that locale's {@code
 * fieldData} (only the fields mapped for it). The sink writes them to the item's locale variants
 * and returns them the same way, so the id map's snapshot holds what each locale last received and
 * an unchanged locale costs no write. {@value #KEY} cannot clash with a field: Webflow field slugs
 * are letters, digits and hyphens.
 *
 * <pre>{@code
 * {"name": "Tea", "slug": "tea", "@locales": {"653ad57de882f528b32e810f": {"name": "Thé"}}}
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LocaleFields {
  /** The {@code fieldData} key of the per-locale values. */
  public static final String KEY = "@locales";

  private LocaleFields() {}

  /** The primary locale's part: a copy of {@code fieldData} without {@value #KEY}. */
  public static ObjectNode primary(ObjectNode fieldData) {
    if (fieldData == null || !fieldData.has(KEY)) {
      return fieldData == null ? null : fieldData.deepCopy();
    }
    ObjectNode copy = fieldData.deepCopy();
    copy.remove(KEY);
    return copy;
  }

  /** Locale id to that locale's values, in document order; empty when there are none. */
  public static Map<String, ObjectNode> of(JsonNode fieldData) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    JsonNode all = fieldData == null ? null : fieldData.get(KEY);
    if (all == null || !all.isObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        out.put(e.getKey(), (ObjectNode) e.getValue());
      }
    }
    return out;
  }

  /** Whether {@code fieldData} carries values for any secondary locale. */
  public static boolean any(JsonNode fieldData) {
    return !of(fieldData).isEmpty();
  }

  /** A copy of {@code primary} with {@code locales} under {@value #KEY} (none: no key). */
  public static ObjectNode with(ObjectNode primary, Map<String, ObjectNode> locales) {
    ObjectNode copy = primary(primary);
    if (!locales.isEmpty()) {
      ObjectNode all = copy.putObject(KEY);
      locales.forEach((id, fd) -> all.set(id, fd.deepCopy()));
    }
    return copy;
  }
}
