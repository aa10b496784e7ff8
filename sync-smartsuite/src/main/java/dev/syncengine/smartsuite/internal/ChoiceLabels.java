package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The labels of the choice fields of one schema, by choice id. Immutable once built. */
final class ChoiceLabels {
  private final Map<String, Map<String, String>> bySlug = new HashMap<>();

  ChoiceLabels(SourceSchema schema) {
    for (SourceField f : schema.fields()) {
      JsonNode choices = f.params() == null ? null : f.params().path("choices");
      if (choices != null && choices.isArray()) {
        Map<String, String> labels = new HashMap<>();
        choices.forEach(c -> labels.put(c.path("value").asText(), c.path("label").asText()));
        bySlug.put(f.slug(), labels);
      }
    }
  }

  /** The label of choice {@code id} of field {@code f}; the id itself, with a warning, if none. */
  String label(SourceField f, String id, List<String> warnings) {
    Map<String, String> labels = bySlug.get(f.slug());
    String label = labels == null ? null : labels.get(id);
    if (label == null) {
      warnings.add("field '" + f.slug() + "' has no choice '" + id + "'; kept the id");
      return id;
    }
    return label;
  }
}
