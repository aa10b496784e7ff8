package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.ItemPage;
import dev.syncengine.webflow.ItemQuery;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowRateLimitedException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slugs taken in one collection, so that a create or a rename picks a free slug before it is
 * sent instead of learning from a 400: slug → item id (+ the record-id marker when the connection
 * has one, + a hash of the item's name). Built lazily from a paged listing of the staged items
 * ({@code GET /collections/{id}/items}, 100 a page), then kept current from the sink's own creates,
 * renames and deletes. Other writers (people, other engines) make it stale: a collision 400 then
 * refreshes the quoted slug and the write goes on, so staleness costs a request, never a duplicate.
 * Besides items, a slug can be <em>pending</em> (a create of ours in flight), <em>unconfirmed</em>
 * (a create of ours whose outcome is unknown, until a look-up shows the slug absent) or
 * <em>reserved</em> (taken by something not listed: a deleted item keeps its slug until the site is
 * republished, or another engine's create in flight).
 *
 * <p>Compact: an entry holds Webflow's 24-hex-digit item id as a long and an int and the name as an
 * int hash, about 120 bytes a slug with the map's own overhead (12 MB for 100,000 items).
 * Thread-safe.
 */
public final class SlugIndex {
  private static final Logger log = LoggerFactory.getLogger(SlugIndex.class);
  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");

  /**
   * Pages listed at most (100 items each): a collection larger than that is indexed only in part,
   * since listing 100,000 items would spend 1,000 requests, 17 minutes of a 60/min budget, before
   * the first write after every start. Beyond it, slugs of our own items come from what the sink
   * writes and the rest are learnt from the one 400 a collision costs.
   */
  static final int MAX_PAGES = 20;

  /** What holds a slug. */
  static final class Entry {
    static final Entry PENDING = new Entry(null, null, 0);
    static final Entry RESERVED = new Entry(null, null, 0);
    static final Entry UNCONFIRMED = new Entry(null, null, 0);

    private final long idHigh;
    private final int idLow;
    private final String idOther;
    final String marker;
    final int nameHash;

    private Entry(String itemId, String marker, int nameHash) {
      if (itemId != null && HEX24.matcher(itemId).matches()) {
        this.idHigh = Long.parseUnsignedLong(itemId.substring(0, 16), 16);
        this.idLow = (int) Long.parseLong(itemId.substring(16), 16);
        this.idOther = null;
      } else {
        this.idHigh = 0;
        this.idLow = 0;
        this.idOther = itemId == null ? null : itemId;
      }
      this.marker = marker;
      this.nameHash = nameHash;
    }

    /** The item holding the slug, or null when it is pending or reserved. */
    String itemId() {
      if (this == PENDING || this == RESERVED || this == UNCONFIRMED) {
        return null;
      }
      if (idOther != null) {
        return idOther;
      }
      return String.format("%016x%08x", idHigh, idLow & 0xffffffffL);
    }
  }

  private final String markerField;
  private final Map<String, Entry> bySlug = new HashMap<>();
  private boolean loaded;

  public SlugIndex(String markerField) {
    this.markerField = markerField;
  }

  static int nameHash(ObjectNode fieldData) {
    return fieldData == null ? 0 : fieldData.path("name").asText("").hashCode();
  }

  /**
   * Lists the collection once (later calls return at once). A failed listing keeps what was read
   * and is tried again next time; writes go on meanwhile, with 400s as the fallback.
   *
   * @throws WebflowRateLimitedException when Webflow said to wait (writes would be refused too)
   */
  synchronized void ensureLoaded(WebflowClient client, String collectionId) {
    if (loaded) {
      return;
    }
    ItemQuery q = ItemQuery.all();
    int pages = 0;
    try {
      while (true) {
        ItemPage page = client.listItems(collectionId, q);
        pages++;
        for (WebflowItem i : page.items()) {
          if (i.slug() != null) {
            Entry now = bySlug.get(i.slug());
            if (now == null
                || now == Entry.RESERVED
                || now == Entry.UNCONFIRMED
                || now.itemId() != null) {
              bySlug.put(i.slug(), entry(i.id(), i.fieldData()));
            }
          }
        }
        if (!page.hasMore()) {
          break;
        }
        if (pages >= MAX_PAGES) {
          log.info(
              "collection {} has {} items: indexed the slugs of the first {} only, the rest are"
                  + " learnt as they are met",
              collectionId,
              page.total(),
              pages * 100);
          break;
        }
        q = q.withOffset(page.offset() + page.items().size());
      }
      loaded = true;
      log.debug(
          "indexed {} slugs of collection {} in {} requests", bySlug.size(), collectionId, pages);
    } catch (WebflowRateLimitedException e) {
      throw e;
    } catch (WebflowException e) {
      log.warn(
          "could not list collection {} to index its slugs ({}); taken slugs are learnt from 400s",
          collectionId,
          e.getMessage());
      WriteContext.throwIfWholeBatch(e);
    }
  }

  private Entry entry(String itemId, ObjectNode fieldData) {
    String marker =
        markerField == null || fieldData == null ? null : fieldData.path(markerField).asText(null);
    return new Entry(itemId, marker, nameHash(fieldData));
  }

  /** What holds the slug, or null when it is free as far as this index knows. */
  synchronized Entry get(String slug) {
    return bySlug.get(slug);
  }

  /** Takes a free slug for a write in flight: null if taken now, else what holds it. */
  synchronized Entry claim(String slug) {
    Entry e = bySlug.get(slug);
    if (e == null) {
      bySlug.put(slug, Entry.PENDING);
    }
    return e;
  }

  /** An item (seen in a response or a listing) holds the slug. */
  synchronized void put(String slug, String itemId, ObjectNode fieldData) {
    bySlug.put(slug, entry(itemId, fieldData));
  }

  synchronized void put(WebflowItem item) {
    if (item.slug() != null) {
      put(item.slug(), item.id(), item.fieldData());
    }
  }

  /** Taken by something not listed (a deleted item, a create whose outcome is unknown). */
  synchronized void reserve(String slug) {
    bySlug.put(slug, Entry.RESERVED);
  }

  /**
   * A create of ours whose outcome nobody could tell: the slug stays taken until a look-up of that
   * slug shows it absent ({@link #confirmedAbsent}), so that no other create takes it meanwhile.
   */
  synchronized void unconfirmed(String slug) {
    bySlug.put(slug, Entry.UNCONFIRMED);
  }

  /**
   * A look-up of the slug found no item: an unconfirmed create of ours under it never happened, so
   * the slug is free again. A reservation for another reason (a deleted item keeps its slug
   * unlisted) stays.
   */
  synchronized void confirmedAbsent(String slug) {
    bySlug.remove(slug, Entry.UNCONFIRMED);
  }

  /** A claim whose write did not happen. */
  synchronized void release(String slug) {
    bySlug.remove(slug, Entry.PENDING);
  }

  /** The item that held the slug is gone (404). */
  synchronized void forget(String slug, String itemId) {
    Entry e = bySlug.get(slug);
    if (e != null && itemId != null && itemId.equals(e.itemId())) {
      bySlug.remove(slug);
    }
  }

  /** An item of ours changed slug (or values): it now holds {@code slug} only. */
  synchronized void moved(String oldSlug, String slug, String itemId, ObjectNode fieldData) {
    if (oldSlug != null && !oldSlug.equals(slug)) {
      Entry old = bySlug.get(oldSlug);
      if (old == null || old == Entry.PENDING || itemId.equals(old.itemId())) {
        bySlug.remove(oldSlug);
      }
    }
    bySlug.put(slug, entry(itemId, fieldData));
  }

  synchronized int size() {
    return bySlug.size();
  }

  /** The items this index knows of (slugs held by an item, or by a create of unknown outcome). */
  synchronized int items() {
    int n = 0;
    for (Entry e : bySlug.values()) {
      if (e != Entry.PENDING && e != Entry.RESERVED) {
        n++;
      }
    }
    return n;
  }
}
