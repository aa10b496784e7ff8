package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One change made at the target (a Webflow item edited in the Editor), as its webhook delivered it:
 * the start of the reverse direction, target → source, of a two-way connection.
 *
 * @param connectionId the connection the change belongs to
 * @param itemId the target item's id
 * @param trigger the target's own name for the event (Webflow's {@code triggerType}, e.g. {@code
 *     collection_item_changed})
 * @param kind {@link ChangeKind#UPSERT} (created, changed, unpublished) or {@link
 *     ChangeKind#DELETE}
 * @param targetVersion the item's {@code lastUpdated} as the delivery gives it, or the arrival time
 *     when it gives none; the reverse path orders changes of one item by it
 * @param payload the item as the delivery carried it (never trusted for identity), or null
 * @param deliveryKey what makes a redelivery the same delivery; a second one with the same key is
 *     accepted and dropped
 * @param receivedAt when the ingress accepted it
 */
public record TargetChange(
    String connectionId,
    String itemId,
    String trigger,
    ChangeKind kind,
    Instant targetVersion,
    JsonNode payload,
    String deliveryKey,
    Instant receivedAt) {

  public TargetChange {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (itemId.isBlank() || deliveryKey.isBlank()) {
      throw new IllegalArgumentException("itemId and deliveryKey must not be blank");
    }
    if (kind == ChangeKind.PULL) {
      throw new IllegalArgumentException("a target change is an upsert or a delete");
    }
  }

  /** A copy with another arrival time (the ingress stamps its own clock). */
  public TargetChange withReceivedAt(Instant at) {
    return new TargetChange(
        connectionId, itemId, trigger, kind, targetVersion, payload, deliveryKey, at);
  }
}
