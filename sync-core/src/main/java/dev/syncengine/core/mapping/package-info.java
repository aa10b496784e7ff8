/**
 * The mapping engine: compiles a connection's mapping document ({@code docs/mapping.md}) against
 * the source and target schemas and maps normalised source records to Webflow {@code fieldData}.
 *
 * <p>Entry points: {@link dev.syncengine.core.mapping.DefaultMappingCompiler} (compile, validate,
 * preview), {@link dev.syncengine.core.mapping.Slugs}, {@link
 * dev.syncengine.core.mapping.MappingSuggester}. Parameters and results are never null unless a
 * method says so.
 */
package dev.syncengine.core.mapping;
