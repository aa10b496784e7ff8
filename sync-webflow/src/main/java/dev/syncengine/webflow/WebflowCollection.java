package dev.syncengine.webflow;

import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.util.List;

/**
 * A CMS collection; {@link #fields()} is empty when it came from a listing, which omits the schema.
 *
 * @param id collection id
 * @param displayName plural name
 * @param singularName singular name, or null
 * @param slug the collection's URL slug, or null
 * @param fields the schema
 */
public record WebflowCollection(
    String id, String displayName, String singularName, String slug, List<TargetField> fields) {
  public WebflowCollection {
    fields = List.copyOf(fields);
  }

  /** The schema in the engine's terms. */
  public TargetSchema toTargetSchema() {
    return new TargetSchema(id, displayName, fields);
  }
}
