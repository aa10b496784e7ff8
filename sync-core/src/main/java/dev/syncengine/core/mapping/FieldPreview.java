package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one target field came to in a {@link Preview}.
 *
 * @param field the target field slug
 * @param type the Webflow field type
 * @param rule the rule as people read it, e.g. {@code direct(Price)} or {@code jsonata(...)}
 * @param input the source value the rule read, or a missing node for rules that read no one field
 * @param output the coerced value written to {@code fieldData}, or a missing node after an error
 * @param errors what stopped the field, each naming the value and the expected type
 * @param warnings non-fatal findings (text cut to length, a link left out, ...)
 */
public record FieldPreview(
    String field,
    String type,
    String rule,
    JsonNode input,
    JsonNode output,
    List<String> errors,
    List<String> warnings) {
  public FieldPreview {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
