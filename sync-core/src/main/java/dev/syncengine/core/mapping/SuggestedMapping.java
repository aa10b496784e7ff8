package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@link MappingCompiler#suggest} proposes for a source table and a target collection.
 *
 * @param document a complete mapping document built from the matches, or null when the compiler
 *     proposes pairs only
 * @param matches target field → source field pairs, best first
 */
public record SuggestedMapping(ObjectNode document, List<MappingSuggestion> matches) {
  public SuggestedMapping {
    matches = List.copyOf(matches);
  }
}
