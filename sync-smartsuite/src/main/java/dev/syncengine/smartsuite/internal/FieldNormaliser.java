package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.SourceField;
import java.util.List;

/** Normalises the value of one SmartSuite field type; see {@link FieldNormalisers}. */
@FunctionalInterface
public interface FieldNormaliser {
  /**
   * The normalised value of {@code field}.
   *
   * @param value the raw value, or null when SmartSuite left the key out or sent null
   * @param warnings where to add what could not be normalised
   */
  JsonNode normalise(SourceField field, JsonNode value, List<String> warnings);
}
