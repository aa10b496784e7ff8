package dev.syncengine.core.mapping;

import java.util.Optional;

/** What a mapping may look up while it runs. Thread-safe. */
public interface MappingContext {

  /**
   * The target item id of a linked source record, through the id map of the connection that syncs
   * {@code sourceTableId}.
   */
  Optional<String> itemIdFor(String sourceTableId, String recordId);

  /**
   * True when the engine will not retry this record again, so a rule that would otherwise wait (a
   * linked record that has not synced yet) must settle now: leave the link out with a warning or
   * fail permanently, as the rule's {@code onMissing} says. The default never settles, so a missing
   * link stays retryable until the engine's own retry bound ends.
   */
  default boolean finalAttempt() {
    return false;
  }

  /** A context that knows no links. */
  MappingContext NONE = (table, record) -> Optional.empty();
}
