package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The items already in a connection's target collection, for the two-way linking pass of backfill
 * and reconcile: it matches source records to items that exist before it queues any change, so a
 * first sync of two datasets never makes a second item for a record.
 *
 * <pre>{@code
 * TargetItems items = session.items().orElseThrow();
 * for (TargetItems.Page p = items.list(null); ; p = items.list(p.nextCursor())) {
 *   p.items().forEach(i -> index(i.id(), i.fieldData()));
 *   if (p.nextCursor() == null) break;
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe and pace their calls under the target's rate limit.
 */
public interface TargetItems {

  /**
   * The {@code fieldData} key that holds the source record id of the record an item was written
   * for, or null when the connection names none (then items are matched by slug only).
   */
  String recordIdField();

  /**
   * One page of items, from {@code cursor} (null: the first page).
   *
   * @throws SyncException when the target refuses or cannot be reached
   */
  Page list(String cursor);

  /**
   * One item.
   *
   * @param id the item id
   * @param fieldData its field values, {@code slug} included
   * @param lastUpdated its version, or null when the target gave none
   */
  record Item(String id, ObjectNode fieldData, Instant lastUpdated) {
    public Item {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(fieldData, "fieldData");
    }
  }

  /**
   * One page.
   *
   * @param items the page's items
   * @param nextCursor where the next page starts, or null after the last
   */
  record Page(List<Item> items, String nextCursor) {
    public Page {
      items = List.copyOf(items);
    }
  }
}
