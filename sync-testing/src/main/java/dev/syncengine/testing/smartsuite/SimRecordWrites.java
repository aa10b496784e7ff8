package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record write endpoints, as SmartSuite's developer docs describe them (not as our client sends
 * them):
 *
 * <ul>
 *   <li>{@code POST /applications/[tableId]/records/} (records/create-record): "you must include
 *       any required fields in the POST or the system will return error code 422"; answers the
 *       record.
 *   <li>{@code PATCH or PUT /applications/[tableId]/records/[recordId]/} (records/update-record):
 *       "a PUT request performing a 'destructive' update that clears all values that are not
 *       specified in the update, and a PATCH request updating just those fields included in the
 *       request".
 *   <li>{@code POST /applications/[tableId]/records/bulk/} (records/bulk-add-records) and {@code
 *       PATCH or PUT .../records/bulk/} (records/bulk-update-records): a body {@code {"items":
 *       [...]}} "of up to 25 records", "Including more than 25 records will result in the server
 *       returning a 422 error"; each update item "must include the record id"; the bulk add "does
 *       not currently enforce required fields"; both answer a bare array of records.
 *   <li>{@code DELETE /applications/[tableId]/records/[recordId]/} (records/delete-record):
 *       "Deletes a record"; an unknown record is 404.
 * </ul>
 *
 * <p>System fields "cannot be set via API" (Auto Number, First Created, Last Updated, Record ID,
 * ...): they are ignored. Each write is an ordinary change of the tables, so it records {@code
 * RECORD_CREATED} / {@code RECORD_UPDATED} / {@code RECORD_DELETED} and pings webhooks as any other
 * change does. Guarded by the simulator's lock; a bulk call changes nothing when one of its items
 * is refused.
 */
final class SimRecordWrites {
  /** "up to 25 records" (bulk-add-records, bulk-update-records). */
  static final int MAX_BULK = 25;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern CREATE = Pattern.compile("/api/v1/applications/([^/]+)/records/?");
  private static final Pattern BULK =
      Pattern.compile("/api/v1/applications/([^/]+)/records/bulk/?");
  private static final Pattern ONE =
      Pattern.compile("/api/v1/applications/([^/]+)/records/([^/]+)/?");
  private static final Set<String> SYSTEM =
      Set.of("id", "application_id", "autonumber", "first_created", "last_updated", "deleted_date");

  /** An answer: status and JSON body. */
  record Result(int status, JsonNode body) {}

  private final Object lock;
  private final SimTables tables;
  private volatile SimRecordListener listener;

  SimRecordWrites(Object lock, SimTables tables) {
    this.lock = lock;
    this.tables = tables;
  }

  /** Sets (or with null, removes) the listener told of every record an API request wrote. */
  void listener(SimRecordListener listener) {
    this.listener = listener;
  }

  /** Which record write {@code method path} is, or null when it is none. */
  static SimWrite kindOf(String method, String path) {
    boolean update = method.equals("PATCH") || method.equals("PUT");
    if (BULK.matcher(path).matches() && (update || method.equals("POST"))) {
      return update ? SimWrite.BULK_UPDATE : SimWrite.BULK_CREATE;
    }
    if (CREATE.matcher(path).matches() && method.equals("POST")) {
      return SimWrite.CREATE;
    }
    if (ONE.matcher(path).matches() && (update || method.equals("DELETE"))) {
      return update ? SimWrite.UPDATE : SimWrite.DELETE;
    }
    return null;
  }

  /** The answer to a write, or null when {@code method path} is not a record write. */
  Result route(String method, String path, JsonNode body) {
    Matcher m;
    boolean update = method.equals("PATCH") || method.equals("PUT");
    if ((m = BULK.matcher(path)).matches() && (update || method.equals("POST"))) {
      return bulk(m.group(1), method, body);
    }
    if ((m = CREATE.matcher(path)).matches() && method.equals("POST")) {
      return create(m.group(1), body);
    }
    if ((m = ONE.matcher(path)).matches() && update) {
      return updateOne(m.group(1), m.group(2), body, method.equals("PUT"));
    }
    if ((m = ONE.matcher(path)).matches() && method.equals("DELETE")) {
      return delete(m.group(1), m.group(2));
    }
    return null;
  }

  /**
   * Deletes the record as a delete in SmartSuite's UI does ({@code RECORD_DELETED}, pings). The
   * delete-record page shows no answer; this answers as bulk-delete-records' 200 example shows each
   * deleted record: {@code {application_id, id, deleted_date: {date, include_time}}}.
   */
  private Result delete(String tableId, String recordId) {
    synchronized (lock) {
      if (tables.tableJson(tableId) == null) {
        return error(404, "table not found");
      }
      if (tables.getRecord(tableId, recordId) == null) {
        return error(404, "record not found");
      }
      Instant at = tables.deleteRecord(tableId, recordId);
      ObjectNode out = NODES.objectNode().put("application_id", tableId).put("id", recordId);
      out.putObject("deleted_date").put("date", SimTables.iso(at)).put("include_time", true);
      return new Result(200, out);
    }
  }

  private Result create(String tableId, JsonNode body) {
    synchronized (lock) {
      ObjectNode table = tables.tableJson(tableId);
      if (table == null) {
        return error(404, "table not found");
      }
      if (!body.isObject()) {
        return error(400, "the body must be a record object");
      }
      List<String> missing = missingRequired(table, (ObjectNode) body);
      if (!missing.isEmpty()) {
        return error(
            422, "Invalid Request: required fields missing: " + String.join(", ", missing));
      }
      return new Result(200, told(tableId, tables.createRecord(tableId, writable(body))));
    }
  }

  private Result updateOne(String tableId, String recordId, JsonNode body, boolean replace) {
    synchronized (lock) {
      if (tables.tableJson(tableId) == null) {
        return error(404, "table not found");
      }
      if (!body.isObject()) {
        return error(400, "the body must be a record object");
      }
      if (tables.getRecord(tableId, recordId) == null) {
        return error(404, "record not found");
      }
      return new Result(200, told(tableId, update(tableId, recordId, (ObjectNode) body, replace)));
    }
  }

  private Result bulk(String tableId, String method, JsonNode body) {
    synchronized (lock) {
      if (tables.tableJson(tableId) == null) {
        return error(404, "table not found");
      }
      JsonNode items = body.path("items");
      if (!items.isArray()) {
        return error(400, "the body must be {\"items\": [record, ...]}");
      }
      if (items.size() > MAX_BULK) {
        return error(422, "at most " + MAX_BULK + " records per bulk request");
      }
      boolean creating = method.equals("POST");
      for (JsonNode item : items) {
        if (!item.isObject()) {
          return error(400, "every item must be a record object");
        }
        String id = item.path("id").asText("");
        if (!creating && (id.isEmpty() || tables.getRecord(tableId, id) == null)) {
          return error(422, "every item must carry the id of a record of the table: '" + id + "'");
        }
      }
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : items) {
        out.add(
            told(
                tableId,
                creating
                    ? tables.createRecord(tableId, writable(item))
                    : update(
                        tableId,
                        item.path("id").asText(),
                        (ObjectNode) item,
                        method.equals("PUT"))));
      }
      return new Result(200, out);
    }
  }

  /** Tells the listener of a record just written; returns the record. */
  private ObjectNode told(String tableId, ObjectNode record) {
    SimRecordListener l = listener;
    if (l != null) {
      Instant at = Instant.parse(record.path("last_updated").path("on").asText());
      l.written(tableId, record.deepCopy(), at);
    }
    return record;
  }

  private ObjectNode update(String tableId, String recordId, ObjectNode body, boolean replace) {
    ObjectNode changes = writable(body);
    if (replace) {
      ObjectNode current = tables.getRecord(tableId, recordId);
      for (Iterator<String> it = current.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!SYSTEM.contains(k) && !changes.has(k)) {
          changes.putNull(k);
        }
      }
    }
    return tables.updateRecord(tableId, recordId, changes);
  }

  /** The body without the system fields that "cannot be set via API". */
  private static ObjectNode writable(JsonNode body) {
    ObjectNode out = ((ObjectNode) body).deepCopy();
    out.remove(SYSTEM);
    return out;
  }

  private static List<String> missingRequired(ObjectNode table, ObjectNode body) {
    List<String> missing = new ArrayList<>();
    for (JsonNode f : table.path("structure")) {
      String slug = f.path("slug").asText();
      JsonNode v = body.get(slug);
      boolean empty = v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
      if (f.path("params").path("required").asBoolean(false) && empty) {
        missing.add(slug);
      }
    }
    return missing;
  }

  private static Result error(int status, String message) {
    return new Result(status, NODES.objectNode().put("message", message));
  }
}
