package dev.syncengine.webflow.internal;

import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Removes items per the connection's delete mode, in bulk calls of up to 100: delete (unpublishing
 * live items first so they leave the site), unpublish, or archive. An item already gone counts as
 * removed. Not thread-safe (one per write call).
 */
final class ItemRemover {
  private final WriteContext ctx;

  /** Items found for deletes whose record's create was never confirmed. */
  private final Map<WriteOp, IdMapping> found = new IdentityHashMap<>();

  ItemRemover(WriteContext ctx) {
    this.ctx = ctx;
  }

  private IdMapping existing(WriteOp op) {
    IdMapping m = found.get(op);
    return m != null ? m : op.existing();
  }

  /**
   * Deletes of records whose item was never confirmed: with the slug an unconfirmed create was sent
   * under, the item that create made (if it did) is looked up and queued for removal; with none, or
   * nothing found, there is nothing to remove.
   */
  void resolveUnconfirmed(List<WriteOp> ops, List<WriteOp> removals) {
    for (WriteOp op : ops) {
      String key = createKey(op);
      if (key == null) {
        nothing(op, "nothing to delete");
        continue;
      }
      try {
        WebflowItem item = ctx.client.findBySlug(ctx.collectionId, key).orElse(null);
        if (item == null || !ours(op, item)) {
          nothing(op, "nothing to delete: the unconfirmed create made no item");
          continue;
        }
        ctx.slugs.put(item);
        found.put(
            op,
            new IdMapping(
                ctx.connection.id(),
                op.recordId(),
                item.id(),
                null,
                item.fieldData(),
                null,
                item.lastPublished() != null ? "live" : "draft",
                null));
        removals.add(op);
      } catch (WebflowException e) {
        // Reporting "nothing to delete" now could leave the item behind for good: retry later.
        ctx.fail(
            op,
            new dev.syncengine.core.spi.SyncError(
                WebflowErrorCodes.CREATE_OUTCOME_UNKNOWN,
                "an earlier create is unconfirmed and its look-up failed: " + e.getMessage(),
                null,
                true,
                null,
                null));
        WriteContext.throwIfWholeBatch(e);
      }
    }
  }

  private static String createKey(WriteOp op) {
    if (op instanceof WriteOp.Delete d) {
      return d.createKey();
    }
    return op instanceof WriteOp.Upsert u ? u.createKey() : null;
  }

  /** The item holding our create's slug is ours unless its marker or another record says not. */
  private boolean ours(WriteOp op, WebflowItem item) {
    if (ctx.markerField != null) {
      return item.fieldData() != null
          && op.recordId().equals(item.fieldData().path(ctx.markerField).asText(null));
    }
    Optional<String> mapped = ctx.intents.recordOfItem(item.id());
    return mapped.isEmpty() || mapped.get().equals(op.recordId());
  }

  private void nothing(WriteOp op, String note) {
    ctx.done(op, new WriteResult(op.recordId(), Outcome.DELETED, null, null, null, null, note));
  }

  void removeAll(List<WriteOp> ops) {
    DeleteMode mode = ctx.connection.deleteMode();
    for (int i = 0; i < ops.size(); i += WebflowClient.MAX_BULK) {
      List<WriteOp> chunk = ops.subList(i, Math.min(ops.size(), i + WebflowClient.MAX_BULK));
      if (chunk.stream().anyMatch(o -> !Localization.writtenIn(existing(o)).isEmpty())) {
        new LocaleRemover(ctx, found).remove(chunk, mode, this::run);
        continue;
      }
      switch (mode) {
        case DELETE -> {
          List<WriteOp> live =
              chunk.stream().filter(o -> "live".equals(existing(o).itemState())).toList();
          List<WriteOp> failed = new ArrayList<>();
          if (!live.isEmpty()) {
            run(live, ids -> unpublish(ids), null, failed);
          }
          List<WriteOp> rest = new ArrayList<>(chunk);
          rest.removeAll(failed);
          run(
              rest,
              ids -> {
                ctx.client.deleteItems(ctx.collectionId, ids);
                return Map.of();
              },
              Outcome.DELETED,
              failed);
        }
        // 204 and no item: the version an unpublish leaves is not known
        case UNPUBLISH -> run(chunk, this::unpublish, Outcome.UNPUBLISHED, new ArrayList<>());
        case ARCHIVE ->
            run(
                chunk,
                ids -> {
                  List<ItemUpdate> entries =
                      ids.stream().map(id -> new ItemUpdate(id, null, null, true)).toList();
                  return ItemVersions.byItem(
                      ctx.client.updateItems(ctx.collectionId, entries, false), entries);
                },
                Outcome.ARCHIVED,
                new ArrayList<>());
      }
    }
  }

  private Map<String, Instant> unpublish(List<String> ids) {
    ctx.client.unpublishItems(ctx.collectionId, ids);
    return Map.of();
  }

  /**
   * Calls {@code call} for the chunk; on 404 halves it to find the gone items. With a null {@code
   * outcome} only failures are recorded (a preparatory step). The call answers the versions of the
   * items it left in place, by item id (none when Webflow's answer names no item).
   */
  void run(
      List<WriteOp> chunk,
      Function<List<String>, Map<String, Instant>> call,
      Outcome outcome,
      List<WriteOp> failed) {
    if (chunk.isEmpty()) {
      return;
    }
    try {
      Map<String, Instant> versions =
          call.apply(chunk.stream().map(o -> existing(o).itemId()).toList());
      if (outcome != null) {
        chunk.forEach(o -> done(o, outcome, null, versions.get(existing(o).itemId())));
      }
    } catch (WebflowNotFoundException e) {
      WriteContext.throwIfWholeBatch(e);
      if (chunk.size() > 1) {
        int half = chunk.size() / 2;
        run(new ArrayList<>(chunk.subList(0, half)), call, outcome, failed);
        run(new ArrayList<>(chunk.subList(half, chunk.size())), call, outcome, failed);
      } else if (outcome != null) {
        done(chunk.get(0), outcome, "item was already gone from Webflow", null);
      }
    } catch (WebflowException e) {
      chunk.forEach(o -> ctx.fail(o, e));
      failed.addAll(chunk);
    }
  }

  private void done(WriteOp op, Outcome outcome, String note, Instant version) {
    IdMapping m = existing(op);
    if (outcome == Outcome.DELETED && m.snapshot() != null && m.snapshot().hasNonNull("slug")) {
      // Webflow keeps a deleted item's slug until the site is next published.
      ctx.slugs.reserve(m.snapshot().get("slug").asText());
    }
    String state =
        switch (outcome) {
          case UNPUBLISHED -> "unpublished";
          case ARCHIVED -> "archived";
          default -> null;
        };
    ctx.done(
        op,
        new WriteResult(
            op.recordId(),
            outcome,
            m.itemId(),
            outcome == Outcome.DELETED ? null : m.snapshot(),
            state,
            null,
            note,
            version));
  }
}
