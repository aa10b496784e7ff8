package dev.syncengine.webflow.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.internal.SlugIndex.Entry;
import java.util.Optional;

/**
 * Chooses the slug an item is created under, from the collection's {@link SlugIndex}: a taken slug
 * is adopted when the item is ours, else the first free suffix {@code -2}, {@code -3}, ... is used.
 * Not thread-safe (one per write call).
 */
final class SlugPlanner {
  private final WriteContext ctx;
  private final WebflowClient client;
  private final SlugIndex slugs;
  private final ItemAdopter adopter;

  SlugPlanner(WriteContext ctx, ItemAdopter adopter) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.slugs = ctx.slugs;
    this.adopter = adopter;
  }

  /**
   * Picks the slug for {@code p}, from suffix number {@code from}: the first free one (claimed in
   * the index), or adopts the item holding one when it is ours. Null when the op is settled.
   */
  PendingCreate plan(PendingCreate p, int from) {
    boolean retried = false;
    for (int n = from; n <= ctx.maxSlugAttempts; n++) {
      PendingCreate c = p.withAttempt(n);
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
          adopter.adoptAsUpdate(c, itemId, slug, "that already held its slug");
          return null;
        } else if (o instanceof Verdict.Found f) {
          adopter.adopt(c, f.item());
          return null;
        }
      } catch (WebflowException e) {
        ctx.fail(p.op(), e);
        return null;
      }
    }
    failSlugTaken(ctx, p);
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

  private Verdict owner(PendingCreate c, String slug, String itemId, Entry holder) {
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

  /** Fails {@code p}: its slug and every suffixed variant allowed are taken. */
  static void failSlugTaken(WriteContext ctx, PendingCreate p) {
    ctx.fail(
        p.op(),
        SyncError.permanent(
            WebflowErrorCodes.SLUG_TAKEN,
            "slug '"
                + p.baseSlug()
                + "' and "
                + ctx.maxSlugAttempts
                + " suffixed variants are taken",
            "slug"));
  }
}
