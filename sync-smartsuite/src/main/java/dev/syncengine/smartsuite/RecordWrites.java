package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.smartsuite.internal.Answers;
import dev.syncengine.smartsuite.internal.SmartSuiteHttp;
import java.util.List;

/**
 * SmartSuite's record writes, one call each, through the client's per-key rate limiter (writes and
 * reads share SmartSuite's 5 requests per second per key). Values are in SmartSuite's own shapes
 * (choice ids, numbers as text, ...); {@code SmartSuiteSource}'s session writer converts normalised
 * values first. Obtained from {@link SmartSuiteClient#writes()}.
 *
 * <p>Endpoints (SmartSuite developer docs, solution-data/records):
 *
 * <ul>
 *   <li>update-record: {@code PATCH /applications/[tableId]/records/[recordId]/} with a record
 *       object ("a PATCH request updating just those fields included in the request"); the 200
 *       example answers the record, but without {@code id} or {@code last_updated}.
 *   <li>bulk-update-records: {@code PATCH /applications/[tableId]/records/bulk/} with {@code
 *       {"items": [...]}}, "up to 25 records", each "must include the record id"; answers an array.
 *   <li>create-record: {@code POST /applications/[tableId]/records/}; "you must include any
 *       required fields in the POST or the system will return error code 422".
 *   <li>delete-record: {@code DELETE /applications/[tableId]/records/[recordId]/}, "Deletes a
 *       record", no body (its example request: {@code curl -X DELETE
 *       .../applications/6451093119bcf22befaed847/records/645109df887911e1871054b7/}). The page
 *       shows no answer: any 2xx counts, whatever its body. A deleted record goes to the trash
 *       (restore-deleted-record: "Restores a deleted record").
 * </ul>
 *
 * <p>Updates and deletes are retried after network errors and 5xx (the same PATCH twice leaves the
 * same record; a second DELETE finds the record gone, which counts as deleted); creates never are.
 * A 429 penalises the key for every client in the JVM and fails with {@link
 * SmartSuiteRateLimitedException}, whose {@code retryAfter} the engine's backoff honours, as for
 * reads. Thread-safe.
 */
public final class RecordWrites {
  /** The most records one bulk call takes ("up to 25 records", bulk-update-records). */
  public static final int MAX_BULK = 25;

  private final SmartSuiteHttp http;

  RecordWrites(SmartSuiteHttp http) {
    this.http = http;
  }

  /**
   * {@code PATCH /applications/{tableId}/records/{recordId}/}: changes the fields in {@code
   * values}. Returns SmartSuite's answer as is (the record, possibly without {@code last_updated}).
   *
   * @throws SmartSuiteApiException when it fails; {@link SmartSuiteApiException#isNotFound()} when
   *     the record does not exist
   */
  public ObjectNode updateRecord(String tableId, String recordId, ObjectNode values) {
    return Answers.object(
        http.write("PATCH", http.rest("applications", tableId, "records", recordId, ""), values));
  }

  /**
   * {@code PATCH /applications/{tableId}/records/bulk/} with {@code {"items": items}}; every item
   * carries its {@code id}. Returns the records SmartSuite answers with: the documented bare array,
   * or {@code {"items": [...]}}.
   *
   * @throws IllegalArgumentException with more than {@value #MAX_BULK} items or an item without id
   * @throws SmartSuiteApiException when it fails
   */
  public List<ObjectNode> bulkUpdateRecords(String tableId, List<ObjectNode> items) {
    if (items.size() > MAX_BULK) {
      throw new IllegalArgumentException(
          "at most " + MAX_BULK + " records per bulk update: " + items.size());
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = body.putArray("items");
    for (ObjectNode item : items) {
      if (item.path("id").asText("").isEmpty()) {
        throw new IllegalArgumentException("every bulk update item needs its record id");
      }
      arr.add(item);
    }
    JsonNode res =
        http.write("PATCH", http.rest("applications", tableId, "records", "bulk", ""), body);
    return Answers.items(res);
  }

  /**
   * {@code DELETE /applications/{tableId}/records/{recordId}/}: moves the record to the trash. A
   * 404 counts as deleted, so a delete retried after an unknown outcome (its first attempt may have
   * deleted the record) succeeds. SmartSuite answers 404 for an unknown table too: that also counts
   * as gone, since no record of it can remain.
   *
   * @return false when SmartSuite answered 404 (already gone, perhaps deleted by an earlier attempt
   *     of this same call after a lost answer), true otherwise
   * @throws IllegalArgumentException when {@code tableId} or {@code recordId} is blank
   * @throws SmartSuiteApiException when it fails; {@link SmartSuiteRateLimitedException} after a
   *     429
   */
  public boolean deleteRecord(String tableId, String recordId) {
    if (tableId == null || tableId.isBlank()) {
      throw new IllegalArgumentException("tableId must not be blank");
    }
    if (recordId == null || recordId.isBlank()) {
      throw new IllegalArgumentException("recordId must not be blank");
    }
    try {
      http.delete(http.rest("applications", tableId, "records", recordId, ""));
      return true;
    } catch (SmartSuiteApiException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code POST /applications/{tableId}/records/}: creates a record; returns it (with {@code id}).
   * Not retried: after an unknown outcome look the record up before creating again.
   *
   * @throws SmartSuiteApiException when it fails (422: a required field is missing) or the answer
   *     carries no {@code id}
   */
  public ObjectNode createRecord(String tableId, ObjectNode values) {
    ObjectNode created =
        Answers.object(http.postOnce(http.rest("applications", tableId, "records", ""), values));
    if (created.path("id").asText("").isEmpty()) {
      throw Answers.badResponse("SmartSuite create record answered no id");
    }
    return created;
  }
}
