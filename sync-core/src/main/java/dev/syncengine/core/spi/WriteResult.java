package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a sink did with one {@link WriteOp}.
 *
 * @param recordId source record id
 * @param outcome what happened
 * @param itemId the target item id (null for a failed create or a delete of nothing)
 * @param fieldData what the item now holds (for the snapshot), or null
 * @param itemState live, staged, draft, archived or unpublished; null when deleted
 * @param error why it failed, when {@code outcome} is {@link Outcome#FAILED}
 * @param note something worth logging (e.g. "slug taken, used -2"), or null
 * @param targetVersion the item's version after the write as the target reported it (Webflow's
 *     {@code lastUpdated}), or null when unknown; kept in the id map so that the target's webhook
 *     for our own write is recognised as an echo
 */
public record WriteResult(
    String recordId,
    Outcome outcome,
    String itemId,
    ObjectNode fieldData,
    String itemState,
    SyncError error,
    String note,
    Instant targetVersion) {

  /** A result whose target version is not known. */
  public WriteResult(
      String recordId,
      Outcome outcome,
      String itemId,
      ObjectNode fieldData,
      String itemState,
      SyncError error,
      String note) {
    this(recordId, outcome, itemId, fieldData, itemState, error, note, null);
  }

  /** A copy carrying the item's version after the write. */
  public WriteResult withTargetVersion(Instant version) {
    return new WriteResult(recordId, outcome, itemId, fieldData, itemState, error, note, version);
  }

  /** What a write did. */
  public enum Outcome {
    CREATED,
    UPDATED,
    /** Field data equals the last written snapshot: no call made. */
    UNCHANGED,
    /** The item had vanished from the target and was created again. */
    RECREATED,
    /** A lost create turned out to have succeeded; the item was adopted. */
    ADOPTED,
    DELETED,
    UNPUBLISHED,
    ARCHIVED,
    FAILED
  }

  public static WriteResult failed(String recordId, SyncError error) {
    return new WriteResult(recordId, Outcome.FAILED, null, null, null, error, null);
  }

  public boolean succeeded() {
    return outcome != Outcome.FAILED;
  }
}
