package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.smartsuite.RecordQuery;
import dev.syncengine.smartsuite.RecordWrites;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.smartsuite.SmartSuiteErrorCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link TableSession}'s {@link RecordWriter}: converts normalised values ({@link WriteValues}),
 * writes through the account's client (so within the key's shared rate limit) and reads each
 * record's new {@code last_updated.on}. The update-record page's 200 example answers the record
 * without {@code last_updated}, so an answer without it is followed by a {@code GET} of the record.
 *
 * <p>Creates are made idempotent with a marker field, since SmartSuite documents no idempotency
 * key: the record is looked up by the marker (a list call filtered with {@code "comparison": "is"},
 * records/sort-filter) before every create, and again after a create whose outcome is unknown (a
 * retryable failure: timeout, 5xx, lost or unreadable answer). A record found is the one an earlier
 * attempt made; it is updated, never created twice. Thread-safe.
 */
final class SessionRecordWriter implements RecordWriter {
  private static final Set<String> MARKER_TYPES = Set.of("textfield", "textareafield");

  private final String tableId;
  private final Supplier<SmartSuiteClient> client;
  private final Supplier<SourceSchema> schema;

  SessionRecordWriter(
      String tableId, Supplier<SmartSuiteClient> client, Supplier<SourceSchema> schema) {
    this.tableId = tableId;
    this.client = client;
    this.schema = schema;
  }

  @Override
  public Written update(String recordId, Map<String, JsonNode> values) {
    ObjectNode body = WriteValues.toApi(schema.get(), values);
    ObjectNode answer = client.get().writes().updateRecord(tableId, recordId, body);
    return new Written(recordId, lastUpdated(recordId, answer), false);
  }

  @Override
  public List<Written> updateAll(Map<String, Map<String, JsonNode>> valuesByRecordId) {
    SourceSchema s = schema.get();
    List<ObjectNode> items = new ArrayList<>();
    valuesByRecordId.forEach((id, values) -> items.add(WriteValues.toApi(s, values).put("id", id)));
    Map<String, ObjectNode> answered = new HashMap<>();
    RecordWrites writes = client.get().writes();
    for (int i = 0; i < items.size(); i += RecordWrites.MAX_BULK) {
      List<ObjectNode> chunk = items.subList(i, Math.min(items.size(), i + RecordWrites.MAX_BULK));
      for (ObjectNode r : writes.bulkUpdateRecords(tableId, chunk)) {
        answered.put(r.path("id").asText(""), r);
      }
    }
    List<Written> out = new ArrayList<>(items.size());
    for (String id : valuesByRecordId.keySet()) {
      out.add(new Written(id, lastUpdated(id, answered.get(id)), false));
    }
    return out;
  }

  /** {@link RecordWrites#deleteRecord}: a record already gone (404) counts as deleted. */
  @Override
  public void delete(String recordId) {
    if (recordId == null || recordId.isBlank()) {
      throw new SyncException(
          SyncError.permanent(
              SmartSuiteErrorCodes.BAD_REQUEST,
              "a record delete needs the record id (recordId is blank)",
              null));
    }
    client.get().writes().deleteRecord(tableId, recordId);
  }

  @Override
  public Written create(String markerField, String markerValue, Map<String, JsonNode> values) {
    SourceField marker = markerField(markerField);
    if (markerValue == null || markerValue.isBlank()) {
      throw WriteValues.refuse(marker.slug(), "needs a marker value to create records safely");
    }
    ObjectNode found = findByMarker(marker.slug(), markerValue);
    if (found != null) {
      return update(found.path("id").asText(), values);
    }
    Map<String, JsonNode> all = new LinkedHashMap<>(values);
    all.put(marker.slug(), JsonNodeFactory.instance.textNode(markerValue));
    ObjectNode body = WriteValues.toApi(schema.get(), all);
    try {
      ObjectNode created = client.get().writes().createRecord(tableId, body);
      String id = created.path("id").asText();
      return new Written(id, lastUpdated(id, created), true);
    } catch (SmartSuiteApiException e) {
      if (!e.error().retryable()) {
        throw e;
      }
      // The outcome is unknown: SmartSuite may have created the record before the answer was lost.
      ObjectNode made = findByMarker(marker.slug(), markerValue);
      if (made == null) {
        throw e;
      }
      String id = made.path("id").asText();
      return new Written(id, lastUpdated(id, made), true);
    }
  }

  private SourceField markerField(String name) {
    SourceField f =
        schema
            .get()
            .field(name)
            .orElseThrow(() -> WriteValues.refuse(name, "(the marker field) is not in the table"));
    if (!MARKER_TYPES.contains(f.type())) {
      throw WriteValues.refuse(
          f.slug(), "(the marker field) must be a text field, not " + f.type());
    }
    return f;
  }

  private ObjectNode findByMarker(String slug, String value) {
    ObjectNode filter = JsonNodeFactory.instance.objectNode().put("operator", "and");
    filter
        .putArray("fields")
        .addObject()
        .put("field", slug)
        .put("comparison", "is")
        .put("value", value);
    RecordQuery q = RecordQuery.all().withFilter(filter).sortedBy("first_created", true);
    List<ObjectNode> items = client.get().listRecords(tableId, q, 0, 1).items();
    return items.isEmpty() ? null : items.get(0);
  }

  /** The record's {@code last_updated.on} from the answer, else from a fresh read. */
  private Instant lastUpdated(String recordId, ObjectNode answer) {
    Instant at =
        answer == null
            ? null
            : Answers.instantOrNull(answer.path("last_updated").path("on").asText(null));
    if (at != null) {
      return at;
    }
    ObjectNode fresh = client.get().getRecord(tableId, recordId, false);
    at = Answers.instantOrNull(fresh.path("last_updated").path("on").asText(null));
    if (at == null) {
      throw Answers.badResponse("SmartSuite record " + recordId + " has no last_updated");
    }
    return at;
  }
}
