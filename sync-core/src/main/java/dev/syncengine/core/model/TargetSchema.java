package dev.syncengine.core.model;

import java.util.List;
import java.util.Optional;

/**
 * The fields of a target collection, and the locales its items have variants in.
 *
 * @param collectionId the collection
 * @param name display name
 * @param fields the fields
 * @param locales the target's locales, primary first; empty when the target has none or does not
 *     say (the fields are the same in every locale)
 */
public record TargetSchema(
    String collectionId, String name, List<TargetField> fields, List<TargetLocale> locales) {
  public TargetSchema {
    fields = List.copyOf(fields);
    locales = locales == null ? List.of() : List.copyOf(locales);
  }

  /** A schema without locales. */
  public TargetSchema(String collectionId, String name, List<TargetField> fields) {
    this(collectionId, name, fields, List.of());
  }

  public Optional<TargetField> field(String slug) {
    return fields.stream().filter(f -> f.slug().equals(slug)).findFirst();
  }

  /** The locale a mapping's key names (its id, or its tag ignoring case). */
  public Optional<TargetLocale> locale(String key) {
    return locales.stream().filter(l -> l.matches(key)).findFirst();
  }

  /** This schema with {@code locales} instead of its own. */
  public TargetSchema withLocales(List<TargetLocale> locales) {
    return new TargetSchema(collectionId, name, fields, locales);
  }
}
