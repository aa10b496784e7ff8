package dev.syncengine.core.internal;

import dev.syncengine.core.spi.TargetItems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target's items by the record id they hold and by slug, for {@link TwoWayLinker}. Items some
 * record is already linked to are left out, and an item holding a record id is found by that id
 * only, never by slug (it was written for that record). Not thread-safe.
 */
final class ItemIndex {
  private final String recordIdField;
  private final Map<String, List<String>> byRecordId = new HashMap<>();
  private final Map<String, List<String>> bySlug = new HashMap<>();

  ItemIndex(Collection<TargetItems.Item> items, String recordIdField, Set<String> linked) {
    this.recordIdField = recordIdField;
    for (TargetItems.Item i : items) {
      if (linked.contains(i.id())) {
        continue;
      }
      String recordId = recordIdOf(i);
      if (recordId != null) {
        byRecordId.computeIfAbsent(recordId, k -> new ArrayList<>()).add(i.id());
      } else if (i.fieldData().hasNonNull("slug")) {
        String slug = i.fieldData().get("slug").asText();
        bySlug.computeIfAbsent(slug, k -> new ArrayList<>()).add(i.id());
      }
    }
  }

  /** The record id the item's record-id field holds, or null. */
  String recordIdOf(TargetItems.Item i) {
    if (recordIdField == null) {
      return null;
    }
    String v = i.fieldData().path(recordIdField).asText("");
    return v.isBlank() ? null : v;
  }

  List<String> byRecordId(String recordId) {
    return byRecordId.getOrDefault(recordId, List.of());
  }

  List<String> bySlug(String slug) {
    return bySlug.getOrDefault(slug, List.of());
  }
}
