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
 */
public record IdMapping(
    String connectionId,
    String recordId,
    String itemId,
    Instant sourceVersion,
    ObjectNode snapshot,
    ObjectNode previousSnapshot,
    String itemState,
    Instant updatedAt) {}
