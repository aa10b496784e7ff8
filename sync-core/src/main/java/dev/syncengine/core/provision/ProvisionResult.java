package dev.syncengine.core.provision;

import dev.syncengine.core.ControlPlane.SavedMapping;
import java.util.List;

/**
 * What provisioning did: the collection (created or found by slug), the fields it created and the
 * ones it found already there, and the mapping it saved.
 *
 * @param collectionId the target collection, now the connection's target
 * @param collectionCreated false when a collection with the proposal's slug existed (a retry)
 * @param createdFields slugs of the fields created now
 * @param existingFields slugs of proposed fields that were there already (kept, not duplicated)
 * @param mapping the mapping saved for the connection
 */
public record ProvisionResult(
    String collectionId,
    boolean collectionCreated,
    List<String> createdFields,
    List<String> existingFields,
    SavedMapping mapping) {
  public ProvisionResult {
    createdFields = List.copyOf(createdFields);
    existingFields = List.copyOf(existingFields);
  }
}
