package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A change to one existing item; null members are left out of the request.
 *
 * @param id the item id
 * @param fieldData the values to set (leave out an unchanged slug), or null
 * @param isDraft new draft flag, or null to keep it
 * @param isArchived new archived flag, or null to keep it
 */
public record ItemUpdate(String id, ObjectNode fieldData, Boolean isDraft, Boolean isArchived) {
  public ItemUpdate {
    Objects.requireNonNull(id, "id");
  }

  public static ItemUpdate of(String id, ObjectNode fieldData) {
    return new ItemUpdate(id, fieldData, null, null);
  }
}
