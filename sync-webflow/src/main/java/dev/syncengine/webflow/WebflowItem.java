package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One collection item as Webflow returns it.
 *
 * @param id item id
 * @param cmsLocaleId locale, or null
 * @param fieldData the field values, including {@code name} and {@code slug}
 * @param isDraft whether the item is a draft
 * @param isArchived whether the item is archived
 * @param lastPublished when it was last published, or null when never
 * @param lastUpdated when it last changed, or null
 * @param createdOn when it was created, or null
 */
public record WebflowItem(
    String id,
    String cmsLocaleId,
    ObjectNode fieldData,
    boolean isDraft,
    boolean isArchived,
    Instant lastPublished,
    Instant lastUpdated,
    Instant createdOn) {

  /** The item's slug, or null when the response left it out. */
  public String slug() {
    return fieldData.hasNonNull("slug") ? fieldData.get("slug").asText() : null;
  }
}
