package dev.syncengine.core.mapping;

import dev.syncengine.core.model.SourceRecord;

/** A mapping ready to run: compiled once per version, shared by all worker threads. */
@FunctionalInterface
public interface CompiledMapping {

  /**
   * Maps one normalised record to {@code fieldData}.
   *
   * @throws MappingException naming the field and the reason
   */
  MappedItem map(SourceRecord record, MappingContext context) throws MappingException;

  /**
   * The target-to-source direction (two-way sync): which fields flow back, and their inverse rules.
   * Default: {@link ReverseMapping#NONE}, a one-way mapping.
   */
  default ReverseMapping reverse() {
    return ReverseMapping.NONE;
  }
}
