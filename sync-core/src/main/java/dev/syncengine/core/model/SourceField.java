package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a source table.
 *
 * @param slug the stable key values are stored under
 * @param label the name people see
 * @param type the source's own name of the field type, shown to people
 * @param kind what the field holds; {@link SourceKind#UNKNOWN} when null
 * @param params the source's raw field parameters (choices, linked table, ...), may be empty
 */
public record SourceField(
    String slug, String label, String type, SourceKind kind, JsonNode params) {
  public SourceField {
    kind = kind == null ? SourceKind.UNKNOWN : kind;
  }
}
