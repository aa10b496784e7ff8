package dev.syncengine.core.mapping;

/**
 * One proposed rule from {@link MappingSuggester}.
 *
 * @param targetField the Webflow field slug
 * @param sourceField the source field slug
 * @param sourceLabel the source field label, as people know it
 * @param rule {@code direct} or {@code reference}
 * @param score from 0 to 1: name similarity weighted by type compatibility
 * @param reason why, in words, for the dashboard
 */
public record MappingSuggestion(
    String targetField,
    String sourceField,
    String sourceLabel,
    String rule,
    double score,
    String reason) {}
