package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.internal.BasicPreviews;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import java.util.List;

/**
 * Compiles mapping documents, and answers the admin API's validate, preview and suggest requests.
 * Only {@link #compile} must be implemented: the other methods have defaults built on it (preview
 * maps the whole record at once, suggestions pair fields by slug or label). {@link
 * DefaultMappingCompiler} overrides them with field-by-field previews and scored suggestions.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MappingCompiler {

  /**
   * Compiles a mapping against both schemas.
   *
   * @throws MappingValidationException with every error found, per field
   */
  CompiledMapping compile(MappingVersion mapping, SourceSchema source, TargetSchema target)
      throws MappingValidationException;

  /**
   * Every error and warning of a document, without throwing; empty when it is clean. A document
   * with an error is refused by {@code ControlPlane.saveMapping}.
   */
  default List<Problem> validate(JsonNode spec, SourceSchema source, TargetSchema target) {
    return BasicPreviews.validate(this::compile, spec, source, target);
  }

  /**
   * Tries a document on one sample record. Never throws for a bad document or record: the {@link
   * Preview} says what went wrong.
   *
   * @param links resolves linked records to target item ids
   */
  default Preview preview(
      JsonNode spec,
      SourceSchema source,
      TargetSchema target,
      SourceRecord sample,
      MappingContext links) {
    return BasicPreviews.preview(this::compile, spec, source, target, sample, links);
  }

  /**
   * Each mapped field's owner and whether its rule can be inverted (two-way sync), for the mapping
   * editor. Never throws; fields whose rules do not compile are left out. Default: none known.
   */
  default List<FieldDirection> directions(JsonNode spec, SourceSchema source, TargetSchema target) {
    return List.of();
  }

  /** Proposes field pairings, and where the compiler can, a whole document. */
  default SuggestedMapping suggest(SourceSchema source, TargetSchema target) {
    return BasicPreviews.suggest(source, target);
  }
}
