package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.TargetField;
import java.util.Set;

/** Compiles the spec of one rule kind (see {@code docs/mapping.md}) into a {@link Rule}. */
interface RuleCompiler {
  /** The keys this rule kind reads, besides {@code rule}, {@code post} and {@code options}. */
  Set<String> keys();

  /**
   * The rule for {@code field}, or null after reporting why it cannot be compiled.
   *
   * @param coercer the coercer the field's values go through
   */
  Rule compile(TargetField field, JsonNode spec, Coercer coercer);
}
