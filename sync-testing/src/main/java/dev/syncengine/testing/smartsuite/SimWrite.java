package dev.syncengine.testing.smartsuite;

/**
 * The record writes of SmartSuite's REST API that {@link SimWriteFaults} can aim at (the endpoints
 * {@link SmartSuiteSimulator} serves, see {@code SimRecordWrites}).
 */
public enum SimWrite {
  /** {@code PATCH} or {@code PUT /applications/{table}/records/{id}/} (update-record). */
  UPDATE,
  /** {@code PATCH} or {@code PUT /applications/{table}/records/bulk/} (bulk-update-records). */
  BULK_UPDATE,
  /** {@code POST /applications/{table}/records/} (create-record). */
  CREATE,
  /** {@code POST /applications/{table}/records/bulk/} (bulk-add-records). */
  BULK_CREATE,
  /** {@code DELETE /applications/{table}/records/{id}/} (delete-record). */
  DELETE
}
