package dev.syncengine.testing.webflow;

/** The kinds of call the simulator counts and can inject faults into. */
public enum SimOperation {
  LIST_SITES,
  GET_SITE,
  LIST_COLLECTIONS,
  GET_COLLECTION,
  LIST_ITEMS,
  GET_ITEM,
  CREATE_ITEMS,
  UPDATE_ITEMS,
  DELETE_ITEMS,
  UNPUBLISH_ITEMS,
  PUBLISH_ITEMS,
  PUBLISH_SITE,
  /** {@code POST /sites/{site_id}/collections}. */
  CREATE_COLLECTION,
  /** {@code POST /collections/{collection_id}/fields}. */
  CREATE_FIELD,
  /** {@code DELETE /collections/{collection_id}/fields/{field_id}}. */
  DELETE_FIELD,
  LIST_WEBHOOKS,
  CREATE_WEBHOOK,
  GET_WEBHOOK,
  DELETE_WEBHOOK,
  /** Matches every operation (for faults). */
  ANY
}
