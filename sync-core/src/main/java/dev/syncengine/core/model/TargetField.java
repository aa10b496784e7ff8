package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a target collection.
 *
 * @param id the target's field id
 * @param slug the key in {@code fieldData}
 * @param displayName the name people see
 * @param type the target's own name of the field type, shown to people
 * @param kind what the field accepts; {@link TargetKind#UNSUPPORTED} when null
 * @param required whether the target rejects items without it
 * @param editable false for read-only fields
 * @param validations the raw validations object (max length, options, collection id), may be empty
 * @param constraints the limits the target puts on values (list sizes, file sizes); {@link
 *     FieldConstraints#NONE} when null
 */
public record TargetField(
    String id,
    String slug,
    String displayName,
    String type,
    TargetKind kind,
    boolean required,
    boolean editable,
    JsonNode validations,
    FieldConstraints constraints) {
  public TargetField {
    kind = kind == null ? TargetKind.UNSUPPORTED : kind;
    constraints = constraints == null ? FieldConstraints.NONE : constraints;
  }

  /** A field without known value limits. */
  public TargetField(
      String id,
      String slug,
      String displayName,
      String type,
      TargetKind kind,
      boolean required,
      boolean editable,
      JsonNode validations) {
    this(id, slug, displayName, type, kind, required, editable, validations, FieldConstraints.NONE);
  }

  /** A copy with other constraints. */
  public TargetField withConstraints(FieldConstraints newConstraints) {
    return new TargetField(
        id, slug, displayName, type, kind, required, editable, validations, newConstraints);
  }
}
