package dev.syncengine.core.mapping;

/**
 * The direction of one mapped target field, for the mapping editor and the reverse path.
 *
 * @param field the target field slug
 * @param rule the rule as people read it, e.g. {@code direct(Price)}
 * @param owner who owns the field
 * @param invertible whether target values can be carried back to the source (the rule has a derived
 *     reverse)
 * @param reason why the rule cannot be inverted, or null when it can
 */
public record FieldDirection(
    String field, String rule, FieldOwner owner, boolean invertible, String reason) {}
