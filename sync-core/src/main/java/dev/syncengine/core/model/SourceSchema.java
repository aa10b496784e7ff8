package dev.syncengine.core.model;

import java.util.List;
import java.util.Optional;

/**
 * The fields of a source table.
 *
 * @param tableId the table
 * @param name the table's name
 * @param primaryField slug of the title field
 * @param fields the fields in source order
 */
public record SourceSchema(
    String tableId, String name, String primaryField, List<SourceField> fields) {
  public SourceSchema {
    fields = List.copyOf(fields);
  }

  /** Finds a field by slug, or by label (case-insensitive) when no slug matches. */
  public Optional<SourceField> field(String slugOrLabel) {
    for (SourceField f : fields) {
      if (f.slug().equals(slugOrLabel)) {
        return Optional.of(f);
      }
    }
    for (SourceField f : fields) {
      if (f.label() != null && f.label().equalsIgnoreCase(slugOrLabel)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
