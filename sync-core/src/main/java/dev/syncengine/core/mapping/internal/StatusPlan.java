package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ItemAction;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the item action from a source value ({@code Sold} to archive, ...), matching labels
 * ignoring case. Immutable, thread-safe.
 */
public record StatusPlan(
    String slug, String name, Map<String, ItemAction> actions, ItemAction fallback) {
  public StatusPlan {
    actions = Map.copyOf(actions);
  }

  public ItemAction action(RecordView record) {
    JsonNode v = record.get(slug);
    if (v.isArray()) {
      v = v.size() == 0 ? null : v.get(0);
    }
    if (v != null && v.isObject()) {
      v = v.has("label") ? v.get("label") : v.get("value");
    }
    if (Values.isEmpty(v)) {
      v = Values.JSON.textNode("");
    }
    ItemAction a = actions.get(key(Values.text(v)));
    return a == null ? fallback : a;
  }

  public JsonNode input(RecordView record) {
    return record.get(slug);
  }

  static String key(String label) {
    return label.strip().toLowerCase(Locale.ROOT);
  }
}
