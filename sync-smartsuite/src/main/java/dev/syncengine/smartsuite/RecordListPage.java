package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of raw records from the list endpoint.
 *
 * @param total how many records match the query in all
 * @param offset the offset of the first item
 * @param items the raw records
 */
public record RecordListPage(long total, int offset, List<ObjectNode> items) {
  public RecordListPage {
    items = List.copyOf(items);
  }

  /** The offset of the next page, or -1 when this page is the last. */
  public int nextOffset() {
    int next = offset + items.size();
    return items.isEmpty() || next >= total ? -1 : next;
  }
}
