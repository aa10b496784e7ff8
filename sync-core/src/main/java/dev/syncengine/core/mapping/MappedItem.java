package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ItemAction;
import java.util.List;

/**
 * The result of mapping one record.
 *
 * @param fieldData Webflow {@code fieldData}, including {@code name} and {@code slug}; with a
 *     {@code locales} section, the secondary locales' values under {@link
 *     dev.syncengine.core.model.LocaleFields#KEY}
 * @param action what the status rule chose ({@link ItemAction#DEFAULT} without one)
 * @param warnings non-fatal findings, per field
 */
public record MappedItem(ObjectNode fieldData, ItemAction action, List<String> warnings) {
  public MappedItem {
    warnings = List.copyOf(warnings);
  }
}
