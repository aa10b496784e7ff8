package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.CreateOutcomeUnknownException;
import dev.syncengine.webflow.ItemPage;
import dev.syncengine.webflow.ItemQuery;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.NewItem;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.WebflowValidationException;
import dev.syncengine.webflow.internal.SlugIndex.Entry;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  /** How many times one chunk may come back "unknown" before its items fail as retryable. */
  private static final int MAX_UNKNOWN_ROUNDS = 3;

  /**
   * One item to create.
   *
   * @param fd the fieldData to send (slug possibly suffixed)
   * @param baseSlug the slug before any suffix
   * @param attempt how many suffixes were tried
   * @param createKey the slug an earlier, unconfirmed create of this record was sent under, or null
   * @param goneItemId the item an update found gone (404), which must not be adopted again, or null
   */
  record Pending(
      WriteOp op,
      ObjectNode fd,
      Target target,
      Outcome outcome,
      String baseSlug,
      int attempt,
      String note,
      String createKey,
      String goneItemId) {

    static Pending of(WriteOp op, ObjectNode fd, Target target, Outcome outcome, String note) {
      String key = op instanceof WriteOp.Upsert u ? u.createKey() : null;
      return new Pending(op, fd, target, outcome, Slugs.of(fd), 0, note, key, null);
    }

    /** An item an update found gone, to create again. */
    static Pending recreate(WriteOp op, ObjectNode fd, Target target, String goneItemId) {
      return new Pending(
          op,
          fd,
          target,
          Outcome.RECREATED,
          Slugs.of(fd),
          0,
          "item " + goneItemId + " was gone from Webflow; created it again",
          null,
          goneItemId);
    }

    String slug() {
      return Slugs.of(fd);
    }

    /** The same item under suffix number {@code n} ({@code 0}: the base slug). */
    Pending withAttempt(int n) {
      if (n == attempt) {
        return this;
      }
      ObjectNode copy = fd.deepCopy();
      String slug = n == 0 ? baseSlug : Slugs.withSuffix(baseSlug, n + 1);
      copy.put("slug", slug);
      String why = n == 0 ? null : "slug '" + baseSlug + "' taken, used '" + slug + "'";
      String base = note;
      if (base != null && base.contains("slug '" + baseSlug + "' taken")) {
        base = base.substring(0, base.indexOf("slug '" + baseSlug + "' taken"));
        base = base.endsWith("; ") ? base.substring(0, base.length() - 2) : base;
        base = base.isEmpty() ? null : base;
      }
      String newNote = why == null ? base : base == null ? why : base + "; " + why;
      return new Pending(op, copy, target, outcome, baseSlug, n, newNote, createKey, goneItemId);
    }
  }

  private final WriteContext ctx;
  private final WebflowClient client;
  private final SlugIndex slugs;
  // what this call has recorded as each record's create intent
  private final Map<String, String> recorded = new HashMap<>();
  // items found to be ours that need their new values: done as updates, in bulk
  private final List<ItemUpdater.Pending> adoptions = new ArrayList<>();

  ItemCreator(WriteContext ctx) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.slugs = ctx.slugs;
  }

  /** Adoptions planned by {@link #createAll} that still need their update; taken once. */
  List<ItemUpdater.Pending> takeAdoptions() {
    List<ItemUpdater.Pending> out = new ArrayList<>(adoptions);
    adoptions.clear();
    return out;
  }

  void createAll(List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      slugs.ensureLoaded(client, ctx.collectionId);
    } catch (WebflowRateLimitedException e) {
      pending.forEach(p -> ctx.fail(p.op(), e)); // the creates would be refused alike
      return;
    }
    Recent recent = recentItems(pending.stream().filter(p -> p.createKey() != null).count());
    List<Pending> planned = new ArrayList<>();
    for (Pending p : pending) {
      if (p.createKey() != null && recoverIntent(p, recent)) {
        continue;
      }
      Pending q = plan(p, 0);
      if (q != null) {
        planned.add(q);
      }
    }
    Map<Target, List<Pending>> byTarget = new LinkedHashMap<>();
    planned.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
    for (List<Pending> group : byTarget.values()) {
      for (int i = 0; i < group.size(); i += WebflowClient.MAX_BULK) {
        createChunk(group.subList(i, Math.min(group.size(), i + WebflowClient.MAX_BULK)), 0);
      }
    }
  }

  /**
   * The newest items by slug, and whether they are the whole collection.
   *
   * @param bySlug newest items by slug
   * @param whole whether they are all the collection holds
   */
  private record Recent(Map<String, WebflowItem> bySlug, boolean whole) {
    static final Recent NONE = new Recent(Map.of(), false);
  }

  /**
   * With several unconfirmed creates to resolve (a crash mid-burst), one listing of the newest
   * items finds most of them: only the keys not seen there cost a look-up each.
   */
  private Recent recentItems(long keys) {
    if (keys < 2) {
      return Recent.NONE;
    }
    try {
      ItemPage page =
          client.listItems(ctx.collectionId, ItemQuery.all().sortedBy("createdOn", true));
      Map<String, WebflowItem> bySlug = new HashMap<>();
      page.items().forEach(i -> bySlug.put(i.slug(), i));
      return new Recent(bySlug, page.total() <= page.items().size());
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      return Recent.NONE; // each key is looked up on its own
    }
  }

  /**
   * An earlier create of this record was never confirmed: find the item holding its slug. True when
   * the op is settled (adopted, or failed because nobody can tell), false to create.
   */
  private boolean recoverIntent(Pending p, Recent recent) {
    String key = p.createKey();
    try {
      WebflowItem found = recent.bySlug().get(key);
      if (found == null && !recent.whole()) {
        found = client.findBySlug(ctx.collectionId, key).orElse(null);
      }
      if (found == null) {
        if (slugs.get(key) != null && slugs.get(key).itemId() != null) {
          slugs.forget(key, slugs.get(key).itemId());
        }
        return false; // the create never happened
      }
      slugs.put(found);
      if (!sentByUs(p, found.id(), found.fieldData())) {
        return false;
      }
      adoptAsUpdate(
          p, found.id(), key, "an unconfirmed create had made (create key '" + key + "')");
      return true;
    } catch (WebflowException e) {
      // Creating now could make a second item: try again later.
      ctx.fail(
          p.op(),
          new SyncError(
              "create_outcome_unknown",
              "an earlier create is unconfirmed and its look-up failed: " + e.getMessage(),
              null,
              true,
              null,
              null));
      WriteContext.throwIfWholeBatch(e);
      return true;
    }
  }

  /**
   * Whether an item holding a slug we sent for this record is the one our create made: by its
   * marker when the connection has one, else when no other record's mapping names it.
   */
  private boolean sentByUs(Pending p, String itemId, ObjectNode fieldData) {
    if (ctx.markerField != null) {
      return fieldData != null
          && p.op().recordId().equals(fieldData.path(ctx.markerField).asText(null));
    }
    Optional<String> mapped = ctx.intents.recordOfItem(itemId);
    return mapped.isEmpty() || mapped.get().equals(p.op().recordId());
  }

  /**
   * Whether the item found under the slug a create of unknown outcome just sent was made by it: it
   * holds what was sent (by its marker, with one) and no other record's mapping names it. An item
   * that held the slug before (the create then failed on it) differs from what we sent.
   */
  private boolean madeByThisCreate(Pending p, WebflowItem found) {
    if (ctx.markerField != null) {
      return sentByUs(p, found.id(), found.fieldData());
    }
    return Ownership.contains(found.fieldData(), p.fd()) && sentByUs(p, found.id(), null);
  }

  /**
   * Picks the slug for {@code p}, from suffix number {@code from}: the first free one (claimed in
   * the index), or adopts the item holding one when it is ours. Null when the op is settled.
   */
  private Pending plan(Pending p, int from) {
    boolean retried = false;
    for (int n = from; n <= ctx.maxSlugAttempts; n++) {
      Pending c = p.withAttempt(n);
      String slug = c.slug();
      Entry holder = slugs.claim(slug);
      if (holder == null) {
        return c;
      }
      String itemId = holder.itemId();
      if (itemId == null) {
        continue; // pending or reserved
      }
      if (itemId.equals(p.goneItemId())) {
        slugs.forget(slug, itemId);
        n--;
        continue;
      }
      try {
        Verdict o = owner(c, slug, itemId, holder);
        if (o == Verdict.GONE && !retried) {
          retried = true;
          n--; // the slug just became free: try it again
        } else if (o == Verdict.OURS) {
          adoptAsUpdate(c, itemId, slug, "that already held its slug");
          return null;
        } else if (o instanceof Verdict.Found f) {
          adopt(c, f.item());
          return null;
        }
      } catch (WebflowException e) {
        ctx.fail(p.op(), e);
        return null;
      }
    }
    failSlugTaken(p);
    return null;
  }

  /** Who holds a slug, as far as the index (and, rarely, one look-up) tells. */
  private sealed interface Verdict {
    Verdict OURS = new Simple("ours");
    Verdict NOT_OURS = new Simple("not ours");
    Verdict GONE = new Simple("gone");

    record Simple(String what) implements Verdict {}

    /** Ours, and fetched. */
    record Found(WebflowItem item) implements Verdict {}
  }

  private Verdict owner(Pending c, String slug, String itemId, Entry holder) {
    String recordId = c.op().recordId();
    if (ctx.markerField != null) {
      return recordId.equals(holder.marker) ? Verdict.OURS : Verdict.NOT_OURS;
    }
    Optional<String> mapped = ctx.intents.recordOfItem(itemId);
    if (mapped.isPresent()) {
      return mapped.get().equals(recordId) ? Verdict.OURS : Verdict.NOT_OURS;
    }
    if (slug.equals(c.createKey())) {
      return Verdict.OURS;
    }
    // An item nobody maps: ours only if it holds exactly what we send. The name tells most apart.
    if (holder.nameHash != SlugIndex.nameHash(c.fd())) {
      return Verdict.NOT_OURS;
    }
    try {
      WebflowItem item = client.getItem(ctx.collectionId, itemId, false);
      slugs.put(item);
      if (!slug.equals(item.slug())) {
        return Verdict.GONE;
      }
      return Ownership.isOurs(recordId, c.fd(), item.fieldData(), null)
          ? new Verdict.Found(item)
          : Verdict.NOT_OURS;
    } catch (WebflowNotFoundException e) {
      slugs.forget(slug, itemId);
      return Verdict.GONE;
    }
  }

  private void failSlugTaken(Pending p) {
    ctx.fail(
        p.op(),
        SyncError.permanent(
            "slug_taken",
            "slug '"
                + p.baseSlug()
                + "' and "
                + ctx.maxSlugAttempts
                + " suffixed variants are taken",
            "slug"));
  }

  /**
   * The item at {@code itemSlug} is ours: bring it to the values of {@code p} with an update (in
   * bulk with the others), keeping its slug when the mapped one only lacks its suffix.
   */
  private void adoptAsUpdate(Pending p, String itemId, String itemSlug, String why) {
    ObjectNode full = p.fd().deepCopy();
    String slug = Slugs.effective(p.baseSlug(), itemSlug);
    Pending withSlug = p;
    if (!slug.equals(itemSlug)) {
      // A renamed record: the new slug must be free (or already this item's).
      withSlug = null;
      for (int n = 0; n <= ctx.maxSlugAttempts && withSlug == null; n++) {
        Pending c = p.withAttempt(n);
        Entry holder = slugs.claim(c.slug());
        if (holder == null || itemId.equals(holder.itemId())) {
          withSlug = c;
        }
      }
      if (withSlug == null) {
        failSlugTaken(p);
        return;
      }
      slug = withSlug.slug();
    }
    full.put("slug", slug);
    ObjectNode patch = full.deepCopy();
    if (slug.equals(itemSlug)) {
      patch.remove("slug");
    }
    String note = "adopted item " + itemId + " " + why + " and updated it to the values sent";
    String before = withSlug.note();
    adoptions.add(
        new ItemUpdater.Pending(
            p.op(),
            itemId,
            full,
            patch,
            p.target(),
            0,
            p.outcome() == Outcome.RECREATED ? Outcome.RECREATED : Outcome.ADOPTED,
            before == null ? note : before + "; " + note,
            itemSlug));
  }

  /** Records the chunk's slugs as create intents; false (and the chunk failed) if it could not. */
  private boolean recordIntents(List<Pending> chunk) {
    Map<String, String> keys = new HashMap<>();
    for (Pending p : chunk) {
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
      for (Pending p : chunk) {
        slugs.release(p.slug());
        ctx.fail(
            p.op(),
            SyncError.retryable(
                "intent_not_recorded",
                "the create was not sent: its intent could not be recorded: " + e.getMessage()));
      }
      return false;
    }
  }

  private void createChunk(List<Pending> chunk, int unknownRounds) {
    if (chunk.isEmpty() || !recordIntents(chunk)) {
      return;
    }
    Target t = chunk.get(0).target();
    List<NewItem> items = new ArrayList<>();
    for (Pending p : chunk) {
      items.add(new NewItem(p.fd(), t == Target.DRAFT, t == Target.ARCHIVED));
    }
    try {
      List<WebflowItem> made = client.createItems(ctx.collectionId, items, t.live());
      Map<String, WebflowItem> bySlug = new HashMap<>();
      made.forEach(i -> bySlug.put(i.slug(), i));
      List<Pending> unmatched = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        Pending p = chunk.get(i);
        WebflowItem item = bySlug.get(p.slug());
        if (item == null && made.size() == chunk.size() && made.get(i).slug() == null) {
          item = made.get(i); // an answer without fieldData: fall back on Webflow's order
        }
        if (item == null) {
          unmatched.add(p);
        } else {
          slugs.put(p.slug(), item.id(), p.fd());
          ctx.succeed(p.op(), p.outcome(), item.id(), p.fd(), t, p.note());
        }
      }
      if (!unmatched.isEmpty()) {
        resolveUnknown(unmatched, unknownRounds + 1);
      }
    } catch (WebflowValidationException e) {
      ctx.warnRefused("a create of " + chunk.size() + " item(s)", e);
      ctx.throwIfWholeBatch(e);
      isolate(chunk, e, unknownRounds);
    } catch (CreateOutcomeUnknownException e) {
      resolveUnknown(chunk, unknownRounds + 1);
    } catch (WebflowException e) {
      chunk.forEach(p -> failCreate(p, e));
    }
  }

  private void failCreate(Pending p, WebflowException e) {
    slugs.release(p.slug());
    ctx.fail(p.op(), e);
  }

  /** A whole-chunk 400: find the bad items, write the rest. */
  private void isolate(List<Pending> chunk, WebflowValidationException e, int rounds) {
    if (chunk.size() == 1) {
      rejected(chunk.get(0), e, rounds);
      return;
    }
    String quoted = Slugs.quotedSlug(e);
    if (quoted != null && Slugs.isCollision(e)) {
      List<Pending> culprits = new ArrayList<>();
      List<Pending> rest = new ArrayList<>();
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
  private void rejected(Pending p, WebflowValidationException e, int rounds) {
    if (!Slugs.isCollision(e)) {
      slugs.release(p.slug());
      ctx.fail(p.op(), WriteContext.error(e));
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
          adopt(p, existing);
          return;
        }
      }
      Pending next = plan(p, p.attempt() + 1);
      if (next != null) {
        createChunk(List.of(next), rounds);
      }
    } catch (WebflowException lookupFailed) {
      slugs.release(slug);
      ctx.fail(p.op(), lookupFailed);
    }
  }

  /**
   * The create may or may not have happened. Look first: the newest items (one request), then each
   * slug not seen there. Only slugs shown to be absent are created again.
   */
  private void resolveUnknown(List<Pending> chunk, int rounds) {
    if (rounds > MAX_UNKNOWN_ROUNDS) {
      chunk.forEach(
          p -> {
            slugs.reserve(p.slug());
            ctx.fail(
                p.op(),
                SyncError.retryable(
                    "create_outcome_unknown", "Webflow did not confirm the create"));
          });
      return;
    }
    List<Pending> absent = new ArrayList<>();
    List<Pending> settled = new ArrayList<>();
    try {
      ItemPage recent =
          client.listItems(ctx.collectionId, ItemQuery.all().sortedBy("createdOn", true));
      Map<String, WebflowItem> bySlug = new HashMap<>();
      recent.items().forEach(i -> bySlug.put(i.slug(), i));
      boolean wholeCollection = recent.total() <= recent.items().size();
      for (Pending p : chunk) {
        String slug = p.slug();
        WebflowItem found = bySlug.get(slug);
        if (found == null && !wholeCollection) {
          found = client.findBySlug(ctx.collectionId, slug).orElse(null);
        }
        settled.add(p);
        if (found == null) {
          absent.add(p);
        } else if (madeByThisCreate(p, found)) {
          slugs.put(found);
          adopt(p, found);
        } else {
          // Someone else holds the slug, so our create cannot have happened.
          slugs.put(found);
          Pending next = plan(p, p.attempt() + 1);
          if (next != null) {
            absent.add(next);
          }
        }
      }
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      chunk.stream()
          .filter(p -> !settled.contains(p))
          .forEach(
              p -> {
                slugs.reserve(p.slug());
                ctx.fail(
                    p.op(),
                    new SyncError(
                        "create_outcome_unknown",
                        "create unconfirmed and lookup failed: " + e.getMessage(),
                        null,
                        true,
                        null,
                        null));
              });
    }
    createChunk(absent, rounds);
  }

  /** Adopts an item we hold in hand, updating it when it holds other values than {@code p}. */
  private void adopt(Pending p, WebflowItem item) {
    Target t = p.target();
    if (t == Target.LIVE && item.lastPublished() == null) {
      t = Target.STAGED_PUBLISH; // made by a lost staged create: publish it now
    }
    String note = "adopted item " + item.id() + " that a lost create had made";
    if (!Ownership.contains(item.fieldData(), p.fd())) {
      // Ours by its record-id marker but holding other values (an older write, or an edit in
      // Webflow): bring it to what we sent, since the snapshot we report claims exactly that.
      ObjectNode patch = p.fd().deepCopy();
      if (p.slug().equals(item.slug())) {
        patch.remove("slug");
      }
      try {
        client.updateItem(
            ctx.collectionId,
            new ItemUpdate(item.id(), patch, t == Target.DRAFT, t == Target.ARCHIVED),
            t.live());
      } catch (WebflowException e) {
        ctx.fail(p.op(), e);
        return;
      }
      note += " and updated it to the values sent";
    }
    slugs.moved(item.slug(), p.slug(), item.id(), p.fd());
    ctx.succeed(
        p.op(),
        p.outcome() == Outcome.RECREATED ? Outcome.RECREATED : Outcome.ADOPTED,
        item.id(),
        p.fd(),
        t,
        p.note() == null ? note : p.note() + "; " + note);
  }
}
