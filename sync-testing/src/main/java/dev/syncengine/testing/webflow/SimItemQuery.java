package dev.syncengine.testing.webflow;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The filters and sort orders of the list endpoint, over one collection's items. Stateless. */
final class SimItemQuery {
  private SimItemQuery() {}

  /** Drops from {@code matching} what is not live (when {@code live}) or has another name. */
  static void filter(List<SimCollection.Item> matching, boolean live, String nameFilter) {
    matching.removeIf(
        it ->
            (live && it.live == null)
                || (nameFilter != null
                    && !nameFilter.equals((live ? it.live : it.fieldData).path("name").asText())));
  }

  /** Sorts {@code matching} by {@code sortBy} (ties in creation order); no-op when null. */
  static void sort(List<SimCollection.Item> matching, String sortBy, String sortOrder) {
    if (sortBy == null) {
      return;
    }
    Comparator<SimCollection.Item> c =
        switch (sortBy) {
          case "createdOn" -> Comparator.comparing((SimCollection.Item it) -> it.createdOn);
          case "lastUpdated" -> Comparator.comparing((SimCollection.Item it) -> it.lastUpdated);
          case "lastPublished" ->
              Comparator.comparing(
                  (SimCollection.Item it) ->
                      it.lastPublished == null ? Instant.EPOCH : it.lastPublished);
          case "name" ->
              Comparator.comparing((SimCollection.Item it) -> it.fieldData.path("name").asText());
          case "slug" ->
              Comparator.comparing((SimCollection.Item it) -> it.fieldData.path("slug").asText());
          default -> throw SimError.badRequest("sortBy " + sortBy);
        };
    c = c.thenComparingLong(it -> it.seq);
    matching.sort("desc".equals(sortOrder) ? c.reversed() : c);
  }
}
