package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.LocaleFields;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * After the creates and updates: writes the locale variants of items written without them (new
 * items, whose create took one fieldData for every locale; items adopted at once), one staged
 * {@code PATCH .../items} entry per variant with its {@code cmsLocaleId}, 100 entries a request. A
 * live item's variants are then published with it. If the variants could not be written, the record
 * fails retryably: its create intent leads the retry to the item, which is adopted and updated in
 * every locale, so no second item or variant is made. Not thread-safe (one per write call).
 */
final class LocaleFollowUp {
  private final WriteContext ctx;

  LocaleFollowUp(WriteContext ctx) {
    this.ctx = ctx;
  }

  void writeMissing(List<WriteOp> ops) {
    List<WriteOp> due = new ArrayList<>();
    List<ItemUpdate> entries = new ArrayList<>();
    for (WriteOp op : ops) {
      WriteResult r = ctx.result(op);
      if (r == null
          || !r.succeeded()
          || r.outcome() == Outcome.UNCHANGED
          || r.itemId() == null
          || !Localization.localized(op)
          || ctx.locales.wasSent(op)) {
        continue;
      }
      List<ItemUpdate> mine =
          ctx.locales.missing(op, r.itemId(), targetOf(r), r.outcome() == Outcome.UPDATED);
      if (mine.isEmpty()) {
        continue;
      }
      if (entries.size() + mine.size() > CmsPaths.MAX_BULK) {
        send(due, entries);
        due = new ArrayList<>();
        entries = new ArrayList<>();
      }
      due.add(op);
      entries.addAll(mine);
    }
    send(due, entries);
  }

  private static Target targetOf(WriteResult r) {
    return switch (r.itemState() == null ? "" : r.itemState()) {
      case "draft" -> Target.DRAFT;
      case "archived" -> Target.ARCHIVED;
      default -> Target.STAGED_PUBLISH;
    };
  }

  private void send(List<WriteOp> due, List<ItemUpdate> entries) {
    if (due.isEmpty()) {
      return;
    }
    try {
      ctx.client.updateItems(ctx.collectionId, entries, false);
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      ctx.warnRefused("a write of " + entries.size() + " locale variant(s)", e);
      for (WriteOp op : due) {
        ctx.fail(
            op,
            new SyncError(
                WebflowErrorCodes.LOCALE_NOT_WRITTEN,
                "the item was written but its locale variants were not: "
                    + e.getMessage()
                    + (e instanceof WebflowNotFoundException
                        ? " (an item made before a locale was mapped has no variant there:"
                            + " Webflow makes variants in the locales a create names)"
                        : ""),
                LocaleFields.KEY,
                e.retryable(),
                e instanceof WebflowRateLimitedException rl ? rl.retryAfter() : null,
                null));
      }
      return;
    }
    for (WriteOp op : due) {
      ctx.locales.sent(op);
      WriteResult r = ctx.result(op);
      if ("live".equals(r.itemState()) && !ctx.publishQueue().contains(r)) {
        // Written live without its variants, which were just written staged: publish them all.
        ObjectNode primary = LocaleFields.primary(r.fieldData());
        // The variants' PATCH left the primary as it was: its version is the earlier write's.
        ctx.succeed(
            op,
            r.outcome(),
            r.itemId(),
            primary,
            Target.STAGED_PUBLISH,
            r.note(),
            r.targetVersion());
      }
    }
  }
}
