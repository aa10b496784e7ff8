package dev.syncengine.core.model;

import java.util.Objects;

/**
 * Where a connection reads or writes: an adapter type and the ids it needs.
 *
 * @param type the adapter type, e.g. {@code smartsuite} or {@code webflow}
 * @param parentId the container: a SmartSuite solution or a Webflow site (may be {@code null})
 * @param id the table or collection id
 */
public record ResourceRef(String type, String parentId, String id) {
  public ResourceRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
