package dev.syncengine.webflow.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.webflow.CreateOutcomeUnknownException;
import dev.syncengine.webflow.NewItem;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.WebflowValidationException;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates items in bulk calls of up to 100 and makes sure each record gets exactly one item.
 *
 * <ul>
 *   <li>A record with a create key (a create of it was sent before and never confirmed) first looks
 *       for the item holding that slug; when no other record's mapping names it (with a marker
 *       field: when its marker is the record's) it is adopted and updated to the new values.
 *   <li>The slug is chosen before sending, from the collection's {@link SlugIndex}: a taken slug is
 *       adopted when the item is ours, else the first free suffix {@code -2}, {@code -3}, ... is
 *       used. The slugs sent are recorded as create intents before the request goes out.
 *   <li>A whole-batch 400 is narrowed down to the bad items (the slug Webflow quotes, else by
 *       halving); a collision 400 (the index was stale) refreshes that slug and re-plans the item.
 *   <li>A create whose outcome is unknown is resolved by looking the slugs up before anything is
 *       sent again.
 * </ul>
 *
 * Not thread-safe (one per write call).
 */
final class ItemCreator {
  private final WriteContext ctx;
  private final WebflowClient client;
  private final SlugIndex slugs;
  private final ItemAdopter adopter;
  private final SlugPlanner planner;
  private final UnknownCreates unknown;
  // what this call has recorded as each record's create intent
  private final Map<String, String> recorded = new HashMap<>();
  // Webflow's refusal of a single create for the collection's item limit: the collection is full
  private WebflowException full;

  ItemCreator(WriteContext ctx) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.slugs = ctx.slugs;
    this.adopter = new ItemAdopter(ctx);
    this.planner = new SlugPlanner(ctx, adopter);
    this.unknown = new UnknownCreates(ctx, adopter, planner, this::createChunk);
  }

  /** Adoptions planned by {@link #createAll} that still need their update; taken once. */
  List<ItemUpdater.Pending> takeAdoptions() {
    return adopter.takeAdoptions();
  }

  void createAll(List<PendingCreate> pending) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      slugs.ensureLoaded(client, ctx.collectionId);
    } catch (WebflowRateLimitedException e) {
      pending.forEach(p -> ctx.fail(p.op(), e)); // the creates would be refused alike
      return;
    }
    UnknownCreates.Recent recent =
        unknown.recentItems(pending.stream().filter(p -> p.createKey() != null).count());
    List<PendingCreate> planned = new ArrayList<>();
    for (PendingCreate p : pending) {
      if (p.createKey() != null && unknown.recoverIntent(p, recent)) {
        continue;
      }
      PendingCreate q = planner.plan(p, 0);
      if (q != null) {
        planned.add(q);
      }
    }
    Map<Target, List<PendingCreate>> byTarget = new LinkedHashMap<>();
    planned.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
    for (List<PendingCreate> group : byTarget.values()) {
      for (int i = 0; i < group.size(); i += WebflowClient.MAX_BULK) {
        createChunk(group.subList(i, Math.min(group.size(), i + WebflowClient.MAX_BULK)), 0);
      }
    }
  }

  /** Records the chunk's slugs as create intents; false (and the chunk failed) if it could not. */
  private boolean recordIntents(List<PendingCreate> chunk) {
    Map<String, String> keys = new HashMap<>();
    for (PendingCreate p : chunk) {
      if (!p.slug().equals(recorded.get(p.op().recordId()))) {
        keys.put(p.op().recordId(), p.slug());
      }
    }
    if (keys.isEmpty()) {
      return true;
    }
    try {
      ctx.intents.record(keys);
      recorded.putAll(keys);
      return true;
    } catch (RuntimeException e) {
      for (PendingCreate p : chunk) {
        slugs.release(p.slug());
        ctx.fail(
            p.op(),
            SyncError.retryable(
                WebflowErrorCodes.INTENT_NOT_RECORDED,
                "the create was not sent: its intent could not be recorded: " + e.getMessage()));
      }
      return false;
    }
  }

  private void createChunk(List<PendingCreate> chunk, int unknownRounds) {
    chunk = withinPlan(chunk);
    if (full != null) {
      failFull(chunk, full);
      return;
    }
    if (chunk.isEmpty() || !recordIntents(chunk)) {
      return;
    }
    boolean localized = Localization.anyLocalized(chunk.stream().map(PendingCreate::op).toList());
    Target t = chunk.get(0).target();
    if (localized && t == Target.LIVE) {
      t = Target.STAGED_PUBLISH; // the create across locales has no live twin: publish after
    }
    List<NewItem> items = new ArrayList<>();
    for (PendingCreate p : chunk) {
      items.add(new NewItem(p.fd(), t == Target.DRAFT, t == Target.ARCHIVED));
    }
    try {
      List<WebflowItem> made =
          localized
              ? ctx.locales.create(ctx.collectionId, items, chunk)
              : client.createItems(ctx.collectionId, items, t.live());
      Map<String, WebflowItem> bySlug = new HashMap<>();
      made.forEach(i -> bySlug.put(i.slug(), i));
      List<PendingCreate> unmatched = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        PendingCreate p = chunk.get(i);
        WebflowItem item = bySlug.get(p.slug());
        if (item == null && made.size() == chunk.size() && made.get(i).slug() == null) {
          item = made.get(i); // an answer without fieldData: fall back on Webflow's order
        }
        if (item == null) {
          unmatched.add(p);
        } else {
          slugs.put(p.slug(), item.id(), p.fd());
          ctx.succeed(p.op(), p.outcome(), item.id(), p.fd(), t, p.note(), item.lastUpdated());
        }
      }
      if (!unmatched.isEmpty()) {
        unknown.resolveUnknown(unmatched, unknownRounds + 1);
      }
    } catch (WebflowValidationException e) {
      ctx.warnRefused("a create of " + chunk.size() + " item(s)", e);
      ctx.throwIfWholeBatch(e);
      if (!refusedForPlan(chunk, e, unknownRounds)) {
        isolate(chunk, e, unknownRounds);
      }
    } catch (CreateOutcomeUnknownException e) {
      unknown.resolveUnknown(chunk, unknownRounds + 1);
    } catch (WebflowException e) {
      if (!refusedForPlan(chunk, e, unknownRounds)) {
        chunk.forEach(p -> failCreate(p, e));
      }
    }
  }

  /**
   * The creates that fit under the collection's stated item limit; the others fail at once
   * (permanent {@code plan_limit_reached}, no request).
   */
  private List<PendingCreate> withinPlan(List<PendingCreate> chunk) {
    Integer max = ctx.planLimits.maxItemsPerCollection();
    int room = PlanLimitGuard.room(ctx.planLimits, max == null ? 0 : slugs.items(), chunk.size());
    if (room == chunk.size()) {
      return chunk;
    }
    for (PendingCreate p : chunk.subList(room, chunk.size())) {
      slugs.release(p.slug());
      ctx.fail(p.op(), PlanLimitGuard.full(p.op().recordId(), max));
    }
    return new ArrayList<>(chunk.subList(0, room));
  }

  /**
   * A refusal for the collection's item limit. A bulk create is all-or-nothing, so a refused chunk
   * may still have room for some: it is halved, but the first single create refused shows the
   * collection full, and every create of this call not yet sent then fails at once. At most about
   * log2(100) + 1 requests per call, and the failures are permanent: no retry storm.
   */
  private boolean refusedForPlan(List<PendingCreate> chunk, WebflowException e, int rounds) {
    if (!PlanLimitGuard.isCollectionLimit(e)) {
      return false;
    }
    if (chunk.size() == 1) {
      full = e;
      failFull(chunk, e);
    } else {
      int half = chunk.size() / 2;
      createChunk(new ArrayList<>(chunk.subList(0, half)), rounds);
      createChunk(new ArrayList<>(chunk.subList(half, chunk.size())), rounds);
    }
    return true;
  }

  private void failFull(List<PendingCreate> chunk, WebflowException e) {
    for (PendingCreate p : chunk) {
      slugs.release(p.slug());
      ctx.fail(p.op(), PlanLimitGuard.refused(p.op().recordId(), "created", e));
    }
  }

  private void failCreate(PendingCreate p, WebflowException e) {
    slugs.release(p.slug());
    ctx.fail(p.op(), e);
  }

  /** A whole-chunk 400: find the bad items, write the rest. */
  private void isolate(List<PendingCreate> chunk, WebflowValidationException e, int rounds) {
    if (chunk.size() == 1) {
      rejected(chunk.get(0), e, rounds);
      return;
    }
    String quoted = Slugs.quotedSlug(e);
    if (quoted != null && Slugs.isCollision(e)) {
      List<PendingCreate> culprits = new ArrayList<>();
      List<PendingCreate> rest = new ArrayList<>();
      chunk.forEach(p -> (p.slug().equals(quoted) ? culprits : rest).add(p));
      if (!culprits.isEmpty() && !rest.isEmpty()) {
        culprits.forEach(p -> rejected(p, e, rounds));
        createChunk(rest, rounds);
        return;
      }
    }
    int half = chunk.size() / 2;
    createChunk(new ArrayList<>(chunk.subList(0, half)), rounds);
    createChunk(new ArrayList<>(chunk.subList(half, chunk.size())), rounds);
  }

  /** One item Webflow refused. */
  private void rejected(PendingCreate p, WebflowValidationException e, int rounds) {
    if (!Slugs.isCollision(e)) {
      slugs.release(p.slug());
      ctx.fail(
          p.op(),
          PlanLimitGuard.isPlanLimit(e)
              ? PlanLimitGuard.refused(p.op().recordId(), "created", e)
              : WriteContext.error(e));
      return;
    }
    // Taken behind the index's back: learn who holds it, then choose again.
    String slug = p.slug();
    try {
      WebflowItem existing = client.findBySlug(ctx.collectionId, slug).orElse(null);
      if (existing == null) {
        slugs.reserve(slug); // not listed (a deleted item's slug, say), yet taken
      } else {
        slugs.put(existing);
        if (Ownership.isOurs(p.op().recordId(), p.fd(), existing.fieldData(), ctx.markerField)) {
          adopter.adopt(p, existing);
          return;
        }
      }
      PendingCreate next = planner.plan(p, p.attempt() + 1);
      if (next != null) {
        createChunk(List.of(next), rounds);
      }
    } catch (WebflowException lookupFailed) {
      slugs.release(slug);
      ctx.fail(p.op(), lookupFailed);
    }
  }
}
