package dev.syncengine.testing.webflow;

import java.util.Map;

/**
 * Counters since start or the last {@link WebflowSimulator#resetStats()}.
 *
 * @param requests every request received
 * @param rateLimited requests answered 429
 * @param itemsCreated items that now exist because of a create
 * @param faultsInjected requests a fault rule acted on
 * @param byOperation requests per operation (429s included)
 */
public record SimStats(
    long requests,
    long rateLimited,
    long itemsCreated,
    long faultsInjected,
    Map<SimOperation, Long> byOperation) {
  public SimStats {
    byOperation = Map.copyOf(byOperation);
  }

  /** Requests of one kind. */
  public long count(SimOperation op) {
    return byOperation.getOrDefault(op, 0L);
  }

  /** Create requests received (single, multi-item and bulk). */
  public long createRequests() {
    return count(SimOperation.CREATE_ITEMS);
  }
}
