package dev.syncengine.webflow;

import java.util.List;

/**
 * What {@code POST /collections/{id}/items/publish} did: Webflow's one partial-success answer.
 *
 * @param publishedItemIds the items now live
 * @param errors messages for those that were not published (Webflow does not say which)
 */
public record PublishResult(List<String> publishedItemIds, List<String> errors) {
  public PublishResult {
    publishedItemIds = List.copyOf(publishedItemIds);
    errors = List.copyOf(errors);
  }
}
