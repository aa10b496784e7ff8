package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowConflictException;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.WebflowValidationException;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates items in bulk calls of up to 100. A live update of a never-published item (409) is redone
 * staged and published; an item gone from Webflow (404) is created again; a 400 is narrowed down to
 * the bad items. Not thread-safe (one per write call).
 */
final class ItemUpdater {
  /**
   * One item to update.
   *
   * @param full the item's complete fieldData after the update (for the snapshot)
   * @param patch what is sent: {@code full} without an unchanged slug
   * @param outcome what a success reports ({@code UPDATED}, or {@code ADOPTED} for an item found to
   *     be ours)
   * @param note what a success notes, or null
   * @param currentSlug the item's slug before this update, or null when unknown
   */
  record Pending(
      WriteOp op,
      String itemId,
      ObjectNode full,
      ObjectNode patch,
      Target target,
      int attempt,
      Outcome outcome,
      String note,
      String currentSlug) {

    Pending(
        WriteOp op,
        String itemId,
        ObjectNode full,
        ObjectNode patch,
        Target target,
        int attempt,
        String currentSlug) {
      this(op, itemId, full, patch, target, attempt, Outcome.UPDATED, null, currentSlug);
    }

    Pending withSlug(String slug, int attempt) {
      return new Pending(
          op,
          itemId,
          full.deepCopy().put("slug", slug),
          patch.deepCopy().put("slug", slug),
          target,
          attempt,
          outcome,
          note,
          currentSlug);
    }
  }

  private final WriteContext ctx;
  private final ItemCreator creator;
  private final List<PendingCreate> recreate = new ArrayList<>();

  ItemUpdater(WriteContext ctx, ItemCreator creator) {
    this.ctx = ctx;
    this.creator = creator;
  }

  void updateAll(List<Pending> pending) {
    Map<Target, List<Pending>> byTarget = new LinkedHashMap<>();
    pending.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
    for (Map.Entry<Target, List<Pending>> group : byTarget.entrySet()) {
      List<Pending> list = group.getValue();
      // Each item's locale variants go in the same request as the item: fewer items per call.
      int per = Localization.itemsPerCall(list.stream().map(Pending::op).toList());
      for (int i = 0; i < list.size(); i += per) {
        updateChunk(list.subList(i, Math.min(list.size(), i + per)), group.getKey());
      }
    }
    List<PendingCreate> again = new ArrayList<>(recreate);
    recreate.clear();
    creator.createAll(again);
  }

  private void updateChunk(List<Pending> chunk, Target t) {
    if (chunk.isEmpty()) {
      return;
    }
    List<ItemUpdate> updates = new ArrayList<>();
    for (Pending p : chunk) {
      updates.add(new ItemUpdate(p.itemId(), p.patch(), t == Target.DRAFT, t == Target.ARCHIVED));
      updates.addAll(ctx.locales.inline(p.op(), p.itemId(), t, fresh(p), stateChanges(p, t)));
    }
    try {
      List<WebflowItem> answer = ctx.client.updateItems(ctx.collectionId, updates, t.live());
      for (Pending p : chunk) {
        if (ctx.locales.allInline(p.op(), fresh(p))) {
          ctx.locales.sent(p.op());
        }
        ctx.slugs.moved(p.currentSlug(), Slugs.of(p.full()), p.itemId(), p.full());
        ctx.succeed(
            p.op(),
            p.outcome(),
            p.itemId(),
            p.full(),
            t,
            p.note(),
            ItemVersions.of(answer, p.itemId(), updates));
      }
    } catch (WebflowConflictException e) {
      if (t == Target.LIVE) {
        // Never published, so the live endpoint refuses it: write staged, then publish.
        updateChunk(chunk, Target.STAGED_PUBLISH);
      } else {
        isolate(chunk, t, e);
      }
    } catch (WebflowNotFoundException e) {
      WriteContext.throwIfWholeBatch(e);
      if (updates.size() > chunk.size()) {
        // A variant may be what is missing, not the item: again without them; they follow after.
        chunk.forEach(p -> ctx.locales.defer(p.op()));
        updateChunk(chunk, t);
        return;
      }
      isolate(chunk, t, e);
    } catch (WebflowValidationException e) {
      ctx.warnRefused("an update of " + chunk.size() + " item(s)", e);
      isolate(chunk, t, e);
    } catch (WebflowException e) {
      chunk.forEach(
          p -> {
            release(p);
            ctx.fail(p.op(), e);
          });
    }
  }

  /** An adopted or re-created item: made by a create across every mapped locale. */
  private static boolean fresh(Pending p) {
    return p.outcome() != Outcome.UPDATED || p.op().existing() == null;
  }

  /** A change of state (draft, archived, live), which every locale variant follows. */
  private static boolean stateChanges(Pending p, Target t) {
    var m = p.op().existing();
    return m != null && m.itemState() != null && !m.itemState().equals(t.itemState());
  }

  /**
   * {@code p} with the first slug from suffix number {@code from} that the index does not know as
   * another item's (claimed), or null when all are taken.
   */
  Pending freeSlug(Pending p, String base, int from) {
    for (int n = from; n <= ctx.maxSlugAttempts; n++) {
      String slug = n == 0 ? base : Slugs.withSuffix(base, n + 1);
      SlugIndex.Entry holder = ctx.slugs.claim(slug);
      if (holder == null || p.itemId().equals(holder.itemId())) {
        return n == p.attempt() && slug.equals(Slugs.of(p.full())) ? p : p.withSlug(slug, n);
      }
    }
    return null;
  }

  private void isolate(List<Pending> chunk, Target t, WebflowException e) {
    if (chunk.size() > 1) {
      int half = chunk.size() / 2;
      updateChunk(new ArrayList<>(chunk.subList(0, half)), t);
      updateChunk(new ArrayList<>(chunk.subList(half, chunk.size())), t);
      return;
    }
    Pending p = chunk.get(0);
    if (e instanceof WebflowNotFoundException) {
      if (p.currentSlug() != null) {
        ctx.slugs.forget(p.currentSlug(), p.itemId());
      }
      recreate.add(PendingCreate.recreate(p.op(), p.full(), t, p.itemId()));
    } else if (e instanceof WebflowValidationException v
        && Slugs.isCollision(v)
        && p.patch().has("slug")
        && p.attempt() < ctx.maxSlugAttempts) {
      // Taken behind the index's back: learn who holds it, then take the next free suffix.
      String taken = Slugs.of(p.full());
      try {
        ctx.client
            .findBySlug(ctx.collectionId, taken)
            .ifPresentOrElse(ctx.slugs::put, () -> ctx.slugs.reserve(taken));
      } catch (WebflowException lookupFailed) {
        ctx.fail(p.op(), lookupFailed);
        return;
      }
      String base = Slugs.of(p.op() instanceof WriteOp.Upsert u ? u.fieldData() : p.full());
      Pending next = freeSlug(p, base, p.attempt() + 1);
      if (next == null) {
        ctx.fail(p.op(), SyncError.permanent(WebflowErrorCodes.SLUG_TAKEN, v.getMessage(), "slug"));
      } else {
        updateChunk(List.of(next), t);
      }
    } else if (e instanceof WebflowValidationException v && Slugs.isCollision(v)) {
      ctx.fail(p.op(), SyncError.permanent(WebflowErrorCodes.SLUG_TAKEN, v.getMessage(), "slug"));
    } else if (PlanLimitGuard.isPlanLimit(e)) {
      release(p);
      ctx.fail(p.op(), PlanLimitGuard.refused(p.op().recordId(), "updated", e));
    } else {
      release(p);
      ctx.fail(p.op(), e);
    }
  }

  /** A rename that did not happen leaves its new slug to others. */
  private void release(Pending p) {
    if (p.patch().has("slug")) {
      ctx.slugs.release(Slugs.of(p.full()));
    }
  }
}
