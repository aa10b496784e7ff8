package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Told of each record an API request created or updated ({@link SmartSuiteSimulator#onWrite}), once
 * the write is applied: what a client wrote, and when. Changes made through the simulator's own
 * methods (a person in SmartSuite) are not API writes and are not reported.
 */
@FunctionalInterface
public interface SimRecordListener {
  /**
   * Runs on the request's thread, under the simulator's lock, before the request is answered: keep
   * it short.
   *
   * @param record a copy of the record after the write
   * @param at when the write was applied: the record's {@code last_updated.on}
   */
  void written(String tableId, ObjectNode record, Instant at);
}
