package dev.syncengine.core.spi;

import java.util.Map;
import java.util.Optional;

/**
 * What a sink may ask of the engine's id map while it writes, so that a create interrupted at any
 * point (a lost response, a crash before the new item id was recorded) never leads to a second
 * item: before it sends a create, the sink records durably under which <em>create key</em> each
 * record's item is being created (an opaque token the sink chooses and can later find the item by;
 * the Webflow sink uses the slug). A later write of a record that still has no item id carries that
 * key in {@link WriteOp.Upsert#createKey()}. Thread-confined to one {@code write} call.
 */
public interface CreateIntents {
  /** Records nothing and knows no mapping: for sinks used without an engine. */
  CreateIntents NONE =
      new CreateIntents() {
        @Override
        public void record(Map<String, String> keyByRecordId) {}

        @Override
        public Optional<String> recordOfItem(String itemId) {
          return Optional.empty();
        }
      };

  /**
   * Durably records, before the creates are sent, the key each record's item is being created under
   * (replacing any key recorded before for that record). One call per create request.
   *
   * @param keyByRecordId source record id → create key
   * @throws SyncException when it could not be recorded; the sink must then not send the creates
   */
  void record(Map<String, String> keyByRecordId);

  /**
   * The source record whose id mapping names this item, if any: an item found under a record's
   * create key is that record's only when no other record's mapping names it.
   */
  Optional<String> recordOfItem(String itemId);
}
