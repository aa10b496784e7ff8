package dev.syncengine.core.model;

import java.util.List;
import java.util.Optional;

/**
 * The fields of a target collection.
 *
 * @param collectionId the collection
 * @param name display name
 * @param fields the fields
 */
public record TargetSchema(String collectionId, String name, List<TargetField> fields) {
  public TargetSchema {
    fields = List.copyOf(fields);
  }

  public Optional<TargetField> field(String slug) {
    return fields.stream().filter(f -> f.slug().equals(slug)).findFirst();
  }
}
