package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A change to one existing item, or to one of its locale variants; null members are left out of the
 * request.
 *
 * @param id the item id (its locale variants share it)
 * @param fieldData the values to set (leave out an unchanged slug), or null
 * @param isDraft new draft flag, or null to keep it
 * @param isArchived new archived flag, or null to keep it
 * @param cmsLocaleId the locale variant to change, or null for the primary locale ("Items will only
 *     be updated in the primary locale, unless a cmsLocaleId is included in the request",
 *     webflow-openapi-v2.yml, PATCH /collections/{collection_id}/items)
 */
public record ItemUpdate(
    String id, ObjectNode fieldData, Boolean isDraft, Boolean isArchived, String cmsLocaleId) {
  public ItemUpdate {
    Objects.requireNonNull(id, "id");
  }

  /** A change in the primary locale. */
  public ItemUpdate(String id, ObjectNode fieldData, Boolean isDraft, Boolean isArchived) {
    this(id, fieldData, isDraft, isArchived, null);
  }

  public static ItemUpdate of(String id, ObjectNode fieldData) {
    return new ItemUpdate(id, fieldData, null, null);
  }
}
