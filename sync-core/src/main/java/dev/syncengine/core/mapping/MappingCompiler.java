package dev.syncengine.core.mapping;

import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;

/** Compiles mapping documents. Thread-safe. */
@FunctionalInterface
public interface MappingCompiler {

  /**
   * Compiles a mapping against both schemas.
   *
   * @throws MappingValidationException with every error found, per field
   */
  CompiledMapping compile(MappingVersion mapping, SourceSchema source, TargetSchema target)
      throws MappingValidationException;
}
