package dev.syncengine.core.model;

/**
 * Limits a target puts on one field's values, in the engine's terms, so that the mapping engine can
 * respect them without knowing the target's own vocabulary. The sink adapter fills them from what
 * it knows of its target (for Webflow: {@code webflow.WebflowLimits}). Immutable.
 *
 * @param maxItems the most elements a list field (several images, several references) may hold, or
 *     null for no known limit
 * @param maxFileBytes the largest file (in bytes) a file or image field accepts, or null for no
 *     known limit
 */
public record FieldConstraints(Integer maxItems, Long maxFileBytes) {
  /** No known limits. */
  public static final FieldConstraints NONE = new FieldConstraints(null, null);

  public FieldConstraints {
    if (maxItems != null && maxItems < 0) {
      throw new IllegalArgumentException("maxItems must be >= 0");
    }
    if (maxFileBytes != null && maxFileBytes < 0) {
      throw new IllegalArgumentException("maxFileBytes must be >= 0");
    }
  }
}
