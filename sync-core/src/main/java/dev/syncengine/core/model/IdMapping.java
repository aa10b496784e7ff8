package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The link between a source record and its target item, with what was last written.
 *
 * @param connectionId the connection
 * @param recordId the source record id
 * @param itemId the target item id
 * @param sourceVersion the source version last written
 * @param snapshot the {@code fieldData} last written (for skip-unchanged and the diff view)
 * @param previousSnapshot the snapshot before that, or {@code null}
 * @param itemState what the target item is now: live, staged, draft, archived or unpublished
 * @param updatedAt when this mapping last changed
 * @param targetVersion the item's version (Webflow's {@code lastUpdated}) after our last write to
 *     it, or {@code null} when the target did not say: a target webhook delivery of this version is
 *     the echo of our own write (two-way sync)
 */
public record IdMapping(
    String connectionId,
    String recordId,
    String itemId,
    Instant sourceVersion,
    ObjectNode snapshot,
    ObjectNode previousSnapshot,
    String itemState,
    Instant updatedAt,
    Instant targetVersion) {

  /** A mapping whose target version is not known. */
  public IdMapping(
      String connectionId,
      String recordId,
      String itemId,
      Instant sourceVersion,
      ObjectNode snapshot,
      ObjectNode previousSnapshot,
      String itemState,
      Instant updatedAt) {
    this(
        connectionId,
        recordId,
        itemId,
        sourceVersion,
        snapshot,
        previousSnapshot,
        itemState,
        updatedAt,
        null);
  }
}
