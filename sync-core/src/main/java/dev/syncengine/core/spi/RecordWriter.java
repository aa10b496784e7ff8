package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The optional capability of a {@link SourceSession} to write records back to the source, for
 * two-way sync; a one-way source does not offer it ({@link SourceSession#writer()} is empty).
 *
 * <p>Values are keyed by source field slug and given in the <em>normalised</em> shapes the session
 * reads (choice labels, decimal text, {@code {date, include_time}}, {@code ["a@b.example"]}, ...:
 * the table in {@code docs/mapping.md}); the writer turns them into the source's own write shapes.
 * A JSON {@code null} clears a field. Fields not named are left as they are.
 *
 * <pre>{@code
 * RecordWriter writer = session.writer().orElseThrow();
 * Written w = writer.update("rec1", Map.of("s_price", TextNode.valueOf("19.95")));
 * w.lastUpdated();   // the record's new version: a change event at this version is our own echo
 * }</pre>
 *
 * <p>Thread-safe. Every method calls the source within its rate limit and throws {@link
 * SyncException}: retryable (with {@link SyncError#retryAfter()} after a rate limit) or permanent
 * (a value the source refuses, naming the field).
 */
public interface RecordWriter {

  /**
   * What one write left at the source.
   *
   * @param recordId the record's id
   * @param lastUpdated the record's version after the write (the source's last-updated time)
   * @param created whether this call created the record
   */
  record Written(String recordId, Instant lastUpdated, boolean created) {}

  /**
   * Changes some fields of one record.
   *
   * @throws SyncException when the write fails; {@link SyncError#code()} names a missing record
   */
  Written update(String recordId, Map<String, JsonNode> values);

  /**
   * Changes some fields of several records, in as few calls as the source allows; returns one
   * {@link Written} per record, in the order given.
   *
   * @throws SyncException when a call fails; the records of earlier calls stay written
   */
  List<Written> updateAll(Map<String, Map<String, JsonNode>> valuesByRecordId);

  /**
   * Creates a record, idempotently: the record carries {@code markerValue} (e.g. the target item's
   * id) in field {@code markerField}, and a record that already carries it is updated instead of
   * created again. A call retried after an unknown outcome (timeout, lost answer) therefore never
   * makes a second record.
   *
   * @throws SyncException when the write fails, or the marker field is unknown or not text
   */
  Written create(String markerField, String markerValue, Map<String, JsonNode> values);

  /**
   * Deletes one record (SmartSuite moves it to the solution's trash). A record already gone counts
   * as deleted, so a retried delete succeeds.
   *
   * @throws SyncException when the delete fails
   */
  void delete(String recordId);
}
