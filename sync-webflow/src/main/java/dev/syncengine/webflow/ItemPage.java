package dev.syncengine.webflow;

import java.util.List;

/**
 * One page of items.
 *
 * @param items the items
 * @param limit page size asked for
 * @param offset where this page starts
 * @param total how many items match in all
 */
public record ItemPage(List<WebflowItem> items, int limit, int offset, int total) {
  public ItemPage {
    items = List.copyOf(items);
  }

  /** Whether a further page exists. */
  public boolean hasMore() {
    return offset + items.size() < total && !items.isEmpty();
  }
}
