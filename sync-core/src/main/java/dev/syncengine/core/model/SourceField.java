package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a source table.
 *
 * @param slug the stable key values are stored under
 * @param label the name people see
 * @param type the source's field type, e.g. {@code numberfield}
 * @param params the source's raw field parameters (choices, linked table, ...), may be empty
 */
public record SourceField(String slug, String label, String type, JsonNode params) {}
