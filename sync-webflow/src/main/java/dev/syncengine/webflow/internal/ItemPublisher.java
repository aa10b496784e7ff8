package dev.syncengine.webflow.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.webflow.PublishResult;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes the items written staged, 100 per call. An item that did not go live fails as retryable
 * but keeps its item id and fieldData, so the engine records the item and the retry updates rather
 * than creates. Not thread-safe (one per write call).
 *
 * <p>A published item keeps the version its write left: {@code publish-item} answers {@code
 * {publishedItemIds, errors}} and no item, and webflow-openapi-v2.yml's items show publishing
 * leaves {@code lastUpdated} alone (the {@code list-collection-items} example: {@code
 * lastPublished: '2022-11-29T16:22:43.159Z'} after {@code lastUpdated:
 * '2022-11-17T17:19:43.282Z'}).
 */
final class ItemPublisher {
  private final WriteContext ctx;

  ItemPublisher(WriteContext ctx) {
    this.ctx = ctx;
  }

  void publishQueued() {
    List<WriteResult> queue = ctx.publishQueue();
    for (int i = 0; i < queue.size(); i += WebflowClient.MAX_BULK) {
      List<WriteResult> chunk =
          queue.subList(i, Math.min(queue.size(), i + WebflowClient.MAX_BULK));
      List<String> ids = chunk.stream().map(WriteResult::itemId).distinct().toList();
      try {
        List<dev.syncengine.core.spi.WriteOp> ops = chunk.stream().map(ctx::opOf).toList();
        PublishResult r =
            Localization.anyLocalized(ops)
                ? ctx.locales
                    .api()
                    .publishItems(
                        ctx.collectionId, ids, ctx.locales.allLocales(ops, java.util.Map.of()))
                : ctx.client.publishItems(ctx.collectionId, ids);
        Set<String> published = new HashSet<>(r.publishedItemIds());
        String why = r.errors().isEmpty() ? "not published" : String.join("; ", r.errors());
        chunk.stream()
            .filter(w -> !published.contains(w.itemId()))
            .forEach(w -> unpublished(w, why));
      } catch (WebflowException e) {
        WriteContext.throwIfWholeBatch(e);
        chunk.forEach(w -> unpublished(w, e.getMessage()));
      }
    }
  }

  private void unpublished(WriteResult w, String why) {
    ctx.done(
        ctx.opOf(w),
        new WriteResult(
            w.recordId(),
            WriteResult.Outcome.FAILED,
            w.itemId(),
            w.fieldData(),
            "staged",
            SyncError.retryable(
                WebflowErrorCodes.PUBLISH_FAILED, "written but not published: " + why),
            w.note(),
            w.targetVersion()));
  }
}
