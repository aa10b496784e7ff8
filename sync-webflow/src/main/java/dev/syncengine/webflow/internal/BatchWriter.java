package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one batch of ops into bulk calls: skips unchanged items, creates new ones, updates the
 * rest, removes deleted ones, then publishes what was written staged. Not thread-safe (one per
 * call).
 */
public final class BatchWriter {
  private final WriteContext ctx;

  public BatchWriter(WriteContext ctx) {
    this.ctx = ctx;
  }

  public List<WriteResult> write(List<WriteOp> ops) {
    List<PendingCreate> creates = new ArrayList<>();
    List<ItemUpdater.Pending> updates = new ArrayList<>();
    List<WriteOp> removals = new ArrayList<>();
    List<WriteOp> unconfirmed = new ArrayList<>();
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Upsert u && u.action() != ItemAction.DELETE) {
        plan(u, creates, updates);
      } else if (op.existing() == null || op.existing().itemId() == null) {
        unconfirmed.add(op);
      } else {
        removals.add(op);
      }
    }
    ItemRemover remover = new ItemRemover(ctx);
    remover.resolveUnconfirmed(unconfirmed, removals);
    ItemCreator creator = new ItemCreator(ctx);
    creator.createAll(creates);
    ItemUpdater updater = new ItemUpdater(ctx, creator);
    List<ItemUpdater.Pending> toUpdate = new ArrayList<>(creator.takeAdoptions());
    if (updates.stream().anyMatch(u -> u.patch().has("slug"))) {
      try {
        ctx.slugs.ensureLoaded(ctx.client, ctx.collectionId);
      } catch (dev.syncengine.webflow.WebflowRateLimitedException e) {
        // not known: the update goes out and a 400 tells
      }
    }
    for (ItemUpdater.Pending u : updates) {
      if (!u.patch().has("slug")) {
        toUpdate.add(u);
        continue;
      }
      // A new slug: take it only if the index knows it free (or as this item's), else a suffix.
      ItemUpdater.Pending free = updater.freeSlug(u, Slugs.of(u.full()), 0);
      if (free == null) {
        ctx.fail(
            u.op(),
            SyncError.permanent(
                WebflowErrorCodes.SLUG_TAKEN,
                "slug '" + Slugs.of(u.full()) + "' and its suffixed variants are taken",
                "slug"));
      } else {
        toUpdate.add(free);
      }
    }
    updater.updateAll(toUpdate);
    // Adoptions found while recreating items that had vanished.
    updater.updateAll(creator.takeAdoptions());
    remover.removeAll(removals);
    new LocaleFollowUp(ctx).writeMissing(ops);
    new ItemPublisher(ctx).publishQueued();
    List<WriteResult> results = ctx.results(ops);
    throwIfUnreachable(results);
    return results;
  }

  private void plan(
      WriteOp.Upsert u, List<PendingCreate> creates, List<ItemUpdater.Pending> updates) {
    Target target = ctx.target(u);
    ObjectNode fd = ctx.outgoing(u);
    IdMapping existing = u.existing();
    if (existing == null || existing.itemId() == null) {
      creates.add(PendingCreate.of(u, fd, target, Outcome.CREATED, null));
      return;
    }
    ObjectNode snapshot = existing.snapshot();
    String currentSlug = snapshot == null ? null : snapshot.path("slug").asText(null);
    String slug = Slugs.effective(Slugs.of(fd), currentSlug);
    fd.put("slug", slug);
    boolean sameState =
        existing.itemState() == null || existing.itemState().equals(target.itemState());
    // A file whose identity is unchanged is no change, though its signed URL is new.
    List<String> sameFiles = MediaValues.unchangedFiles(fd, snapshot);
    if (sameState
        && MediaValues.equalExceptFiles(Localization.snapshot(u, fd), snapshot, sameFiles)) {
      ctx.done(
          u,
          new WriteResult(
              u.recordId(),
              Outcome.UNCHANGED,
              existing.itemId(),
              fd,
              existing.itemState(),
              null,
              null,
              // nothing sent: the item is at the version our last write left
              existing.targetVersion()));
      return;
    }
    ObjectNode patch = fd.deepCopy();
    if (slug.equals(currentSlug)) {
      // Re-sending an unchanged slug has triggered Webflow's uniqueness check against itself.
      patch.remove("slug");
    }
    // Left out as the slug is: re-sending the URL would make Webflow import the same file again
    // (its documented write is an import from a public URL, or a fileId we do not keep); a PATCH
    // leaves the fields it does not name as they are.
    sameFiles.forEach(patch::remove);
    if (dev.syncengine.core.TwoWay.enabled(ctx.connection) && snapshot != null) {
      // Two-way: a field the source did not change since the last sync is left out, so an edit
      // made in Webflow meanwhile (its webhook not yet carried back) is not overwritten.
      fd.fieldNames()
          .forEachRemaining(
              f -> {
                if (snapshot.has(f) && snapshot.get(f).equals(fd.get(f))) {
                  patch.remove(f);
                }
              });
    }
    updates.add(new ItemUpdater.Pending(u, existing.itemId(), fd, patch, target, 0, currentSlug));
  }

  /** Nothing got through and only transport-level failures were seen: the target is unreachable. */
  private static void throwIfUnreachable(List<WriteResult> results) {
    if (results.isEmpty()) {
      return;
    }
    for (WriteResult r : results) {
      if (r.succeeded() || r.error() == null || !"transport_error".equals(r.error().code())) {
        return;
      }
    }
    throw new SyncException(
        SyncError.retryable(WebflowErrorCodes.UNREACHABLE, results.get(0).error().message()));
  }
}
