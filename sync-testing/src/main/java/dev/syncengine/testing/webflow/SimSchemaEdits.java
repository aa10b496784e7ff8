package dev.syncengine.testing.webflow;

import java.util.List;

/**
 * Schema changes to one simulated collection made behind the API's back, as a person in the
 * Designer would (for schema-drift tests): the next {@code GET /collections/{id}} shows them and
 * item writes are checked against them. Thread-safe.
 *
 * <pre>{@code
 * sim.schema(collectionId).remove("price");                          // deleted
 * sim.schema(collectionId).put(SimField.optional("price", "PlainText"), "Price"); // retyped
 * }</pre>
 */
public final class SimSchemaEdits {
  private final SimCollection collection;

  SimSchemaEdits(SimCollection collection) {
    this.collection = collection;
  }

  /** Adds the field, or replaces the field of its slug (e.g. with another type). */
  public SimSchemaEdits put(SimField field, String displayName) {
    collection.changeSchema(s -> s.with(field, displayName));
    return this;
  }

  /** Deletes the field of this slug and its values in every item. */
  public SimSchemaEdits remove(String slug) {
    if (slug.equals("name") || slug.equals("slug")) {
      throw new IllegalArgumentException("the name and slug fields cannot be deleted");
    }
    collection.deleteField(slug);
    return this;
  }

  /** The slugs of the collection's fields, in order. */
  public List<String> slugs() {
    return collection.schema().fields.stream().map(SimField::slug).toList();
  }

  /** The field of this slug, or null. */
  public SimField field(String slug) {
    return collection.schema().field(slug);
  }
}
