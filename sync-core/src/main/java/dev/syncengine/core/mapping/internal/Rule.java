package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingContext;

/** How one target field gets its value, before post-transforms and coercion. Thread-safe. */
public interface Rule {
  /**
   * The rule's output for a record.
   *
   * @throws TransformException when the value cannot be produced (permanent)
   * @throws LinkPendingException when a linked record has not synced yet (retryable)
   */
  JsonNode produce(RecordView record, MappingContext context, Issues issues);

  /** What the rule reads from the record, for the preview; a missing node when nothing. */
  JsonNode input(RecordView record);

  /** The rule as people see it in messages, e.g. {@code direct(Price)}. */
  String describe();
}
