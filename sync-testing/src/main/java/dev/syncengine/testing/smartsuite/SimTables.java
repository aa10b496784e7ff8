package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's tables: schemas, records (with SmartSuite's system fields and timestamps), the
 * list endpoint's filtering and paging, and shared-file URLs. Every change is recorded as an event
 * by {@link SimWebhookService}. Guarded by the simulator's one lock.
 */
final class SimTables {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** SmartSuite's timestamp format: always six fraction digits. */
  static final java.time.format.DateTimeFormatter ISO_MICROS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  /** SmartSuite's timestamp format: six fraction digits. */
  static String iso(Instant at) {
    return ISO_MICROS.format(at);
  }

  private final Object lock;
  private final SimWebhookService webhooks;
  private final Map<String, SimTable> tables = new LinkedHashMap<>();
  private final Map<String, String> sharedFiles = new HashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private Instant lastStamp = Instant.EPOCH;
  private SmartSuiteSimulator.IdFilter idFilter = SmartSuiteSimulator.IdFilter.HONOURED;

  SimTables(Object lock, SimWebhookService webhooks) {
    this.lock = lock;
    this.webhooks = webhooks;
  }

  /**
   * Creates a table; a {@code title} field is always present.
   *
   * @throws IllegalArgumentException when the table exists
   */
  void createTable(String solutionId, String tableId, String name, List<SimField> fields) {
    synchronized (lock) {
      if (tables.containsKey(tableId)) {
        throw new IllegalArgumentException("table exists: " + tableId);
      }
      tables.put(tableId, new SimTable(tableId, solutionId, name, fields));
    }
  }

  /**
   * Replaces a table's fields; records keep their values (a deleted field's values stay unread).
   */
  void changeFields(String tableId, java.util.function.UnaryOperator<List<SimField>> change) {
    synchronized (lock) {
      SimTable t = table(tableId);
      t.fields = List.copyOf(change.apply(t.fields));
    }
  }

  /**
   * Creates a record from values keyed by field slug (and {@code title}); empty values are left out
   * as SmartSuite does. Records the {@code RECORD_CREATED} event and pings matching webhooks.
   *
   * @return a copy of the stored record with its {@code id}
   */
  ObjectNode createRecord(String tableId, ObjectNode values) {
    synchronized (lock) {
      SimTable t = table(tableId);
      Instant now = stamp();
      ObjectNode r = NODES.objectNode();
      String id =
          String.format("%08x%016x", 0x64000000L + ids.incrementAndGet(), now.toEpochMilli());
      r.put("id", id);
      r.put("application_id", t.id);
      r.put("title", "");
      r.put("autonumber", ++t.autonumber);
      r.putObject("first_created").put("by", "sim-member").put("on", iso(now));
      r.putObject("last_updated").put("by", "sim-member").put("on", iso(now));
      r.put("deleted_date", "");
      merge(r, values);
      t.records.put(id, r);
      webhooks.emit(t, "RECORD_CREATED", r, null, values, now);
      return r.deepCopy();
    }
  }

  /**
   * Changes some values of a record ({@code null} removes a value) and records {@code
   * RECORD_UPDATED}.
   *
   * @throws IllegalArgumentException when the record does not exist
   */
  ObjectNode updateRecord(String tableId, String recordId, ObjectNode changes) {
    synchronized (lock) {
      SimTable t = table(tableId);
      ObjectNode r = record(t, recordId);
      ObjectNode previous = r.deepCopy();
      Instant now = stamp();
      merge(r, changes);
      r.withObjectProperty("last_updated").put("on", iso(now));
      webhooks.emit(t, "RECORD_UPDATED", r, previous, changes, now);
      return r.deepCopy();
    }
  }

  /**
   * Deletes a record and records {@code RECORD_DELETED}; returns when.
   *
   * @throws IllegalArgumentException when the record does not exist
   */
  Instant deleteRecord(String tableId, String recordId) {
    synchronized (lock) {
      SimTable t = table(tableId);
      ObjectNode r = record(t, recordId);
      t.records.remove(recordId);
      Instant now = stamp();
      ObjectNode data = NODES.objectNode().put("id", recordId);
      webhooks.emit(t, "RECORD_DELETED", data, r, null, now);
      return now;
    }
  }

  Optional<ObjectNode> record(String tableId, String recordId) {
    synchronized (lock) {
      ObjectNode r = table(tableId).records.get(recordId);
      return Optional.ofNullable(r == null ? null : r.deepCopy());
    }
  }

  /** All records of a table in creation order (copies). */
  List<ObjectNode> records(String tableId) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      table(tableId).records.values().forEach(r -> out.add(r.deepCopy()));
      return out;
    }
  }

  /** Makes {@code GET /shared-files/{handle}/url/} answer {@code url} for this file handle. */
  void putSharedFile(String handle, String url) {
    synchronized (lock) {
      sharedFiles.put(handle, url);
    }
  }

  /** How a filter on {@code id} is treated from now on; default {@link IdFilter#HONOURED}. */
  void idFilter(SmartSuiteSimulator.IdFilter behaviour) {
    synchronized (lock) {
      this.idFilter = Objects.requireNonNull(behaviour, "behaviour");
    }
  }

  ObjectNode listRecords(String tableId, JsonNode body, int offset, int limit) {
    synchronized (lock) {
      SimTable t = table(tableId);
      boolean byId = false;
      for (JsonNode f : body.path("filter").path("fields")) {
        byId |= "id".equals(f.path("field").asText());
      }
      JsonNode query = body;
      if (byId && idFilter == SmartSuiteSimulator.IdFilter.REFUSED) {
        throw new SimRecordQuery.BadQuery("field id cannot be filtered");
      }
      if (byId && idFilter == SmartSuiteSimulator.IdFilter.IGNORED) {
        query = ((ObjectNode) body.deepCopy()).without("filter");
      }
      List<ObjectNode> all = SimRecordQuery.apply(new ArrayList<>(t.records.values()), query);
      ObjectNode out = NODES.objectNode();
      out.put("total", all.size()).put("offset", offset).put("limit", limit);
      var items = out.putArray("items");
      for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
        items.add(all.get(i).deepCopy());
      }
      return out;
    }
  }

  ObjectNode getRecord(String tableId, String recordId) {
    synchronized (lock) {
      ObjectNode r = table(tableId).records.get(recordId);
      return r == null ? null : r.deepCopy();
    }
  }

  ObjectNode tableJson(String tableId) {
    synchronized (lock) {
      SimTable t = tables.get(tableId);
      return t == null ? null : t.toJson();
    }
  }

  List<ObjectNode> tablesOf(String solutionId) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      for (SimTable t : tables.values()) {
        if (solutionId == null || t.solutionId.equals(solutionId)) {
          out.add(t.toJson());
        }
      }
      return out;
    }
  }

  String sharedFileUrl(String handle) {
    synchronized (lock) {
      return sharedFiles.get(handle);
    }
  }

  /** Strictly increasing timestamps, so each change has its own {@code last_updated}. */
  private Instant stamp() {
    Instant now = Instant.now();
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plusMillis(1);
    }
    now = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plusMillis(1);
    }
    lastStamp = now;
    return now;
  }

  private static void merge(ObjectNode target, ObjectNode values) {
    Iterator<Map.Entry<String, JsonNode>> it = values.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals("id") || k.equals("application_id")) {
        continue;
      }
      JsonNode v = e.getValue();
      boolean empty =
          v == null
              || v.isNull()
              || (v.isTextual() && v.asText().isEmpty() && !k.equals("title"))
              || (v.isArray() && v.isEmpty())
              || (v.isBoolean() && !v.asBoolean());
      if (empty) {
        target.remove(k);
      } else {
        target.set(k, v.deepCopy());
      }
    }
  }

  private SimTable table(String tableId) {
    SimTable t = tables.get(tableId);
    if (t == null) {
      throw new IllegalArgumentException("no such table: " + tableId);
    }
    return t;
  }

  private static ObjectNode record(SimTable t, String recordId) {
    ObjectNode r = t.records.get(recordId);
    if (r == null) {
      throw new IllegalArgumentException("no such record: " + recordId);
    }
    return r;
  }
}
