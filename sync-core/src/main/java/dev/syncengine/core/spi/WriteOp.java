package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;

/** One item write the worker asks of a sink. */
public sealed interface WriteOp {
  String recordId();

  /** What was written for this record before, or null for a new record. */
  IdMapping existing();

  /**
   * Create or update the record's item.
   *
   * @param recordId source record id
   * @param fieldData the mapped field values, including {@code name} and {@code slug}
   * @param action the mapping's status rule outcome
   * @param existing what was written before, or null
   * @param createKey when {@code existing} is null (or has no item id): the key a create of this
   *     record's item was last sent under and never confirmed (see {@link CreateIntents}), else
   *     null. An item found under it that no other record's mapping names is this record's.
   */
  record Upsert(
      String recordId,
      ObjectNode fieldData,
      ItemAction action,
      IdMapping existing,
      String createKey)
      implements WriteOp {

    /** An upsert without a pending create key. */
    public Upsert(String recordId, ObjectNode fieldData, ItemAction action, IdMapping existing) {
      this(recordId, fieldData, action, existing, null);
    }
  }

  /**
   * Remove the record's item per the connection's delete mode.
   *
   * @param recordId source record id
   * @param existing the mapping, or null when nothing was ever confirmed written
   * @param createKey when {@code existing} is null: the key an unconfirmed create of this record's
   *     item was sent under (see {@link CreateIntents}), so an item that create made is removed
   *     too; null when no create is pending (then there is nothing to do)
   */
  record Delete(String recordId, IdMapping existing, String createKey) implements WriteOp {

    /** A delete without a pending create key. */
    public Delete(String recordId, IdMapping existing) {
      this(recordId, existing, null);
    }
  }
}
