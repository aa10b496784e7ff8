package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A copy of one simulated item, as a test sees it.
 *
 * @param id item id
 * @param fieldData staged values
 * @param liveFieldData published values, or null when not live
 * @param isDraft draft flag
 * @param isArchived archived flag
 * @param createdOn creation time
 * @param lastPublished last publish, or null
 */
public record SimItem(
    String id,
    ObjectNode fieldData,
    ObjectNode liveFieldData,
    boolean isDraft,
    boolean isArchived,
    Instant createdOn,
    Instant lastPublished) {

  public String slug() {
    return fieldData.path("slug").asText();
  }

  public boolean isLive() {
    return liveFieldData != null;
  }
}
