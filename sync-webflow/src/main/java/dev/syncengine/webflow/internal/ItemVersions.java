package dev.syncengine.webflow.internal;

import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An item's version after our write: the {@code lastUpdated} Webflow's answer gives the item.
 * webflow-openapi-v2.yml lists {@code lastUpdated} ("The date the item was last updated") among the
 * required properties of the Collection Item that {@code create-item}, {@code create-items}, {@code
 * update-items} (and their {@code /live} twins) and {@code update-item} answer with, and the {@code
 * collection_item_*} webhook payloads carry the same property: a delivery of the version our write
 * left is the echo of that write (two-way sync). An answer that leaves it out gives null: a version
 * is never invented. Stateless.
 */
final class ItemVersions {
  private ItemVersions() {}

  /**
   * The primary locale's {@code lastUpdated} of item {@code itemId} in an answer to a request that
   * also addressed the variants {@code sent}: the answer's entries share the item's id, one per
   * locale, and the primary's is the one naming no locale, or one not sent as a variant.
   */
  static Instant of(List<WebflowItem> answer, String itemId, List<ItemUpdate> sent) {
    Set<String> variants = new HashSet<>();
    for (ItemUpdate u : sent) {
      if (u.cmsLocaleId() != null && itemId.equals(u.id())) {
        variants.add(u.cmsLocaleId());
      }
    }
    return of(answer, itemId, variants);
  }

  /**
   * Each item's primary {@code lastUpdated} in the answer to a request of entries {@code sent}
   * (items without a known version are left out).
   */
  static Map<String, Instant> byItem(List<WebflowItem> answer, List<ItemUpdate> sent) {
    Map<String, Instant> out = new HashMap<>();
    for (ItemUpdate u : sent) {
      Instant v = u.cmsLocaleId() == null ? of(answer, u.id(), sent) : null;
      if (v != null) {
        out.put(u.id(), v);
      }
    }
    return out;
  }

  /** The {@code lastUpdated} of item {@code itemId} outside the locales {@code variants}. */
  static Instant of(List<WebflowItem> answer, String itemId, Set<String> variants) {
    for (WebflowItem i : answer) {
      if (itemId.equals(i.id())
          && (i.cmsLocaleId() == null || !variants.contains(i.cmsLocaleId()))) {
        return i.lastUpdated();
      }
    }
    return null;
  }
}
