package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Told of each item a request created, updated or deleted, once the write is applied ({@link
 * WebflowSimulator#onWrite}).
 */
@FunctionalInterface
public interface SimWriteListener {
  /**
   * Runs on the request's thread before it is answered: keep it short.
   *
   * @param fieldData the item's staged values after the write, or null when it was deleted
   * @param at when the write was applied
   */
  void written(String collectionId, String itemId, ObjectNode fieldData, Instant at);
}
