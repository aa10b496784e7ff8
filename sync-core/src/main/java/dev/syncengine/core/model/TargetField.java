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
 */
public record TargetField(
    String id,
    String slug,
    String displayName,
    String type,
    TargetKind kind,
    boolean required,
    boolean editable,
    JsonNode validations) {
  public TargetField {
    kind = kind == null ? TargetKind.UNSUPPORTED : kind;
  }
}
