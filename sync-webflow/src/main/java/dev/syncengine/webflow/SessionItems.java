package dev.syncengine.webflow;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetItems;
import java.util.List;

/**
 * {@link CollectionSession}'s listing of its collection's staged items, 100 a request, on the
 * token's rate limiter (the session's client). The cursor is the next page's offset. Thread-safe.
 */
final class SessionItems implements TargetItems {
  private final WebflowClient client;
  private final String collectionId;
  private final String recordIdField;

  SessionItems(WebflowClient client, String collectionId, String recordIdField) {
    this.client = client;
    this.collectionId = collectionId;
    this.recordIdField = recordIdField == null || recordIdField.isBlank() ? null : recordIdField;
  }

  @Override
  public String recordIdField() {
    return recordIdField;
  }

  /**
   * OpenAPI {@code list-collection-items}: {@code GET /collections/{collection_id}/items} with
   * {@code offset} ("Offset used for pagination if the results have more than limit records") and
   * {@code limit} ("max limit: 100"); the answer's {@code pagination.total} says whether more
   * follow. Staged items, not {@code /items/live}: a draft or unpublished item is still an item a
   * record could be linked to.
   */
  @Override
  public Page list(String cursor) {
    int offset = offset(cursor);
    try {
      ItemPage page =
          client.listItems(
              collectionId, ItemQuery.all().withOffset(offset).withLimit(ItemQuery.MAX_LIMIT));
      List<Item> items =
          page.items().stream().map(i -> new Item(i.id(), i.fieldData(), i.lastUpdated())).toList();
      String next = page.hasMore() ? Integer.toString(offset + page.items().size()) : null;
      return new Page(items, next);
    } catch (WebflowException e) {
      throw new SyncException(WebflowSink.syncError(e), e);
    }
  }

  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      int o = Integer.parseInt(cursor);
      if (o >= 0) {
        return o;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new SyncException(
        SyncError.permanent("bad_cursor", "not an item listing cursor: " + cursor, "cursor"));
  }
}
