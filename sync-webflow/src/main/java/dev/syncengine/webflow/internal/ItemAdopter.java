package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.internal.SlugIndex.Entry;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adopts an item that is already ours instead of creating another: by its marker when the
 * connection has one, else when no other record's mapping names it. An adopted item is brought to
 * the values sent, by an update done in bulk with the others ({@link #takeAdoptions}) or, for an
 * item in hand, at once. Not thread-safe (one per write call).
 */
final class ItemAdopter {
  private final WriteContext ctx;
  private final WebflowClient client;
  private final SlugIndex slugs;
  // items found to be ours that need their new values: done as updates, in bulk
  private final List<ItemUpdater.Pending> adoptions = new ArrayList<>();

  ItemAdopter(WriteContext ctx) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.slugs = ctx.slugs;
  }

  /** Adoptions planned so far that still need their update; taken once. */
  List<ItemUpdater.Pending> takeAdoptions() {
    List<ItemUpdater.Pending> out = new ArrayList<>(adoptions);
    adoptions.clear();
    return out;
  }

  /**
   * Whether an item holding a slug we sent for this record is the one our create made: by its
   * marker when the connection has one, else when no other record's mapping names it.
   */
  boolean sentByUs(PendingCreate p, String itemId, ObjectNode fieldData) {
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
  boolean madeByThisCreate(PendingCreate p, WebflowItem found) {
    if (ctx.markerField != null) {
      return sentByUs(p, found.id(), found.fieldData());
    }
    return Ownership.contains(found.fieldData(), p.fd()) && sentByUs(p, found.id(), null);
  }

  /**
   * The item at {@code itemSlug} is ours: bring it to the values of {@code p} with an update (in
   * bulk with the others), keeping its slug when the mapped one only lacks its suffix.
   */
  void adoptAsUpdate(PendingCreate p, String itemId, String itemSlug, String why) {
    ObjectNode full = p.fd().deepCopy();
    String slug = Slugs.effective(p.baseSlug(), itemSlug);
    PendingCreate withSlug = p;
    if (!slug.equals(itemSlug)) {
      // A renamed record: the new slug must be free (or already this item's).
      withSlug = null;
      for (int n = 0; n <= ctx.maxSlugAttempts && withSlug == null; n++) {
        PendingCreate c = p.withAttempt(n);
        Entry holder = slugs.claim(c.slug());
        if (holder == null || itemId.equals(holder.itemId())) {
          withSlug = c;
        }
      }
      if (withSlug == null) {
        SlugPlanner.failSlugTaken(ctx, p);
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

  /** Adopts an item we hold in hand, updating it when it holds other values than {@code p}. */
  void adopt(PendingCreate p, WebflowItem item) {
    Target t = p.target();
    if (t == Target.LIVE && item.lastPublished() == null) {
      t = Target.STAGED_PUBLISH; // made by a lost staged create: publish it now
    }
    String note = "adopted item " + item.id() + " that a lost create had made";
    // The item as found is at the version the look-up showed, unless we update it now.
    java.time.Instant version = item.lastUpdated();
    if (!Ownership.contains(item.fieldData(), p.fd())) {
      // Ours by its record-id marker but holding other values (an older write, or an edit in
      // Webflow): bring it to what we sent, since the snapshot we report claims exactly that.
      ObjectNode patch = p.fd().deepCopy();
      if (p.slug().equals(item.slug())) {
        patch.remove("slug");
      }
      try {
        version =
            client
                .updateItem(
                    ctx.collectionId,
                    new ItemUpdate(item.id(), patch, t == Target.DRAFT, t == Target.ARCHIVED),
                    t.live())
                .lastUpdated();
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
        p.note() == null ? note : p.note() + "; " + note,
        version);
  }
}
