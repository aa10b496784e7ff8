package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.internal.TwoWayOptions.DeletePolicy;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.mapping.ReverseResult;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.RecordWriter.Written;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source writes of one connection's batch of target changes: deletes and creates one by one,
 * merged updates gathered and written in bulk at {@link #flush}, then the id map, the sync log and
 * any forward write the merge needs. Not thread-safe: one per batch.
 */
final class ReverseWrites {
  private record Fresh(StoredTargetChange row, IdMapping m, ReverseMapping reverse) {}

  private record Planned(
      StoredTargetChange row,
      IdMapping m,
      ReverseMerge.Result merge,
      SourceRecord record,
      boolean sourceUnsynced) {}

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final ConnectionConfig c;
  private final CompiledMapping mapping;
  private final ReverseBatch b;
  private final Runnable forwardQueued;
  private final Problems problems;
  private final List<Fresh> fresh = new ArrayList<>();
  private final List<Planned> planned = new ArrayList<>();
  private final List<ChangeEvent> forward = new ArrayList<>();

  ReverseWrites(
      Stores stores,
      ConnectionRuntime runtime,
      ConnectionConfig c,
      CompiledMapping mapping,
      ReverseBatch b,
      Runnable forwardQueued,
      Problems problems) {
    this.stores = stores;
    this.runtime = runtime;
    this.c = c;
    this.mapping = mapping;
    this.b = b;
    this.forwardQueued = forwardQueued;
    this.problems = problems;
  }

  /** An item deleted at the target: the connection's delete policy decides. */
  void delete(StoredTargetChange r, IdMapping m) {
    if (m == null) {
      b.skip(r, null, "the item is not linked to a record (deleted by us, or never synced)");
      return;
    }
    DeletePolicy policy = TwoWayOptions.deletes(c);
    switch (policy) {
      case ASK ->
          b.hold(
              r,
              m.recordId(),
              "item deleted in Webflow: waiting for approval to delete record " + m.recordId());
      case IGNORE ->
          b.skip(r, m.recordId(), "item deleted in Webflow; the record is kept (policy ignore)");
      case DELETE -> {
        try {
          writer().delete(m.recordId());
          stores.idMap().delete(c.id(), m.recordId());
          b.success(r, m.recordId(), "delete", "record deleted (policy delete)", null);
        } catch (SyncException e) {
          failed(r, m.recordId(), "delete", e.error());
        }
      }
    }
  }

  /** An item made at the target that no record knows: a record is created, idempotently. */
  void create(StoredTargetChange r, ReverseMapping reverse) {
    String marker = TwoWayOptions.itemIdField(c);
    if (marker == null) {
      b.fail(
          r,
          null,
          "create",
          SyncError.permanent(
              "two_way_config",
              "creating records needs the option " + TwoWayOptions.ITEM_ID_FIELD,
              TwoWayOptions.ITEM_ID_FIELD),
          null);
      return;
    }
    JsonNode item = ReverseProcessor.fieldData(r);
    ReverseResult values = reverse.reverseAll(item);
    Map<String, JsonNode> v = new LinkedHashMap<>(values.values());
    v.remove(marker);
    try {
      Written w = writer().create(marker, r.change().itemId(), v);
      ObjectNode snapshot = ReverseMerge.JSON.createObjectNode();
      for (FieldDirection d : reverse.directions()) {
        if (item.has(d.field())) {
          snapshot.set(d.field(), item.get(d.field()).deepCopy());
        }
      }
      if (item.has("slug")) {
        snapshot.set("slug", item.get("slug").deepCopy());
      }
      // No source version: the record's own change event is written forward (for the fields
      // that have no inverse), instead of being taken for an echo.
      stores
          .idMap()
          .put(
              new IdMapping(
                  c.id(),
                  w.recordId(),
                  r.change().itemId(),
                  null,
                  snapshot,
                  null,
                  null,
                  b.now(),
                  r.change().targetVersion()));
      ObjectNode detail = detail(v, values.errors());
      b.success(r, w.recordId(), "create", w.created() ? "record created" : "record found", detail);
    } catch (SyncException e) {
      failed(r, null, "create", e.error());
    }
  }

  /** A delivery newer than our last write: merged with the record once it is read. */
  void fresh(StoredTargetChange r, IdMapping m, ReverseMapping reverse) {
    ReverseResult quick = reverse.reverse(ReverseProcessor.fieldData(r), m.snapshot());
    if (quick.isEmpty() && quick.errors().isEmpty()) {
      boolean echo = r.change().targetVersion().equals(m.targetVersion());
      b.skip(
          r, m.recordId(), echo ? "echo of our own write" : "no change to the fields Webflow owns");
    } else {
      fresh.add(new Fresh(r, m, reverse));
    }
  }

  /** Reads the records the fresh changes need, merges, writes in bulk and records. */
  void flush() {
    if (!fresh.isEmpty()) {
      merge();
    }
    if (!planned.isEmpty()) {
      write();
    }
    if (!forward.isEmpty()) {
      stores.jobs().enqueue(forward);
      forwardQueued.run();
    }
  }

  private void merge() {
    Map<String, SourceRecord> records;
    try {
      records =
          runtime
              .sourceSession(c)
              .resolve(
                  fresh.stream()
                      .map(f -> new PendingChange(f.m().recordId(), null, null))
                      .toList());
    } catch (SyncException e) {
      upstream("fetch", e.error());
      fresh.forEach(f -> b.fail(f.row(), f.m().recordId(), "fetch", e.error(), c.retry()));
      return;
    }
    LinkContext context = new LinkContext(c, runtime, stores.idMap());
    for (Fresh f : fresh) {
      SourceRecord rec = records.get(f.m().recordId());
      if (rec == null) {
        b.skip(f.row(), f.m().recordId(), "the record is gone at the source");
        continue;
      }
      JsonNode forwardNow;
      try {
        forwardNow = mapping.map(rec, context).fieldData();
      } catch (MappingException | RuntimeException e) {
        forwardNow = null; // the source's side is unknown: no conflict can be told
      }
      Instant tW = f.row().change().targetVersion();
      ReverseMerge.Result merge =
          ReverseMerge.fresh(
              f.reverse(),
              TwoWayOptions.conflicts(c),
              ReverseProcessor.fieldData(f.row()),
              f.m(),
              forwardNow,
              rec.version(),
              tW);
      boolean unsynced =
          rec.version() != null
              && (f.m().sourceVersion() == null || rec.version().isAfter(f.m().sourceVersion()));
      if (merge.nothingToDo()) {
        b.skip(f.row(), f.m().recordId(), "nothing to carry back: both sides hold the same values");
      } else {
        planned.add(new Planned(f.row(), f.m(), merge, rec, unsynced));
      }
    }
  }

  private void write() {
    Map<String, Map<String, JsonNode>> values = new LinkedHashMap<>();
    for (Planned p : planned) {
      if (!p.merge().values().isEmpty()) {
        values.put(p.m().recordId(), p.merge().values());
      }
    }
    Map<String, Written> written = new HashMap<>();
    Map<String, SyncError> failed = new HashMap<>();
    if (!values.isEmpty()) {
      writeAll(values, written, failed);
    }
    List<IdMapping> puts = new ArrayList<>();
    for (Planned p : planned) {
      String recordId = p.m().recordId();
      SyncError e = failed.get(recordId);
      if (e != null) {
        failed(p.row(), recordId, "update", e);
        continue;
      }
      record(p, written.get(recordId), puts);
    }
    stores.idMap().apply(puts, Map.of());
  }

  /** One bulk call per 25; a refused value in a bulk call is retried alone, to find its record. */
  private void writeAll(
      Map<String, Map<String, JsonNode>> values,
      Map<String, Written> written,
      Map<String, SyncError> failed) {
    RecordWriter writer;
    try {
      writer = writer();
      List<Written> all = writer.updateAll(values);
      all.forEach(w -> written.put(w.recordId(), w));
      problems.upstreamOk(c.id());
      return;
    } catch (SyncException e) {
      writer = writerOrNull();
      if (writer == null || e.error().retryable() || values.size() == 1) {
        upstream("write", e.error());
        values.keySet().forEach(id -> failed.put(id, e.error()));
        return;
      }
    }
    for (Map.Entry<String, Map<String, JsonNode>> e : values.entrySet()) {
      try {
        written.put(e.getKey(), writer.update(e.getKey(), e.getValue()));
      } catch (SyncException ex) {
        failed.put(e.getKey(), ex.error());
      }
    }
  }

  private void record(Planned p, Written w, List<IdMapping> puts) {
    IdMapping m = p.m();
    boolean forwardAfter = p.merge().forwardNeeded() || p.sourceUnsynced();
    Instant sourceVersion =
        w != null && w.lastUpdated() != null && !forwardAfter ? w.lastUpdated() : m.sourceVersion();
    puts.add(
        new IdMapping(
            c.id(),
            m.recordId(),
            m.itemId(),
            sourceVersion,
            p.merge().snapshot(),
            m.snapshot(),
            m.itemState(),
            b.now(),
            p.row().change().targetVersion()));
    if (forwardAfter) {
      Instant v =
          w != null && w.lastUpdated() != null
              ? w.lastUpdated()
              : p.record() != null && p.record().version() != null
                  ? p.record().version()
                  : m.sourceVersion() == null ? b.now() : m.sourceVersion();
      forward.add(
          new ChangeEvent(
              c.id(),
              m.recordId(),
              ChangeKind.UPSERT,
              v,
              null,
              "reverse:" + p.row().id(),
              b.now()));
    }
    if (!p.merge().conflicts().isEmpty()) {
      ObjectNode detail = ReverseMerge.JSON.createObjectNode();
      detail.put("policy", TwoWayOptions.conflictsName(c));
      detail.set("fields", p.merge().conflicts());
      detail.put("sourceVersion", p.record() == null ? null : String.valueOf(p.record().version()));
      detail.put("targetVersion", p.row().change().targetVersion().toString());
      detail.put("changeId", p.row().id());
      b.note(p.row(), m.recordId(), "conflict", conflictMessage(p.merge()), detail);
    }
    String msg =
        w == null
            ? "nothing written to SmartSuite"
                + (forwardAfter ? "; SmartSuite's values go forward" : "")
            : "record updated from Webflow";
    b.success(p.row(), m.recordId(), "update", msg, detail(p.merge().values(), p.merge().errors()));
  }

  private static String conflictMessage(ReverseMerge.Result merge) {
    StringBuilder s = new StringBuilder("conflict on ");
    for (int i = 0; i < merge.conflicts().size(); i++) {
      JsonNode f = merge.conflicts().get(i);
      s.append(i == 0 ? "" : ", ")
          .append(f.path("field").asText())
          .append(" (")
          .append(f.path("winner").asText())
          .append(" won)");
    }
    return s.toString();
  }

  private static ObjectNode detail(Map<String, JsonNode> values, List<String> errors) {
    ObjectNode d = ReverseMerge.JSON.createObjectNode();
    ObjectNode v = d.putObject("values");
    values.forEach((k, x) -> v.set(k, x == null ? null : x.deepCopy()));
    if (!errors.isEmpty()) {
      errors.forEach(d.putArray("errors")::add);
    }
    return d;
  }

  private RecordWriter writer() {
    RecordWriter w = writerOrNull();
    if (w == null) {
      throw new SyncException(
          SyncError.permanent(
              ErrorCodes.INTERNAL_ERROR,
              "the source of connection '" + c.id() + "' cannot write records back",
              null));
    }
    return w;
  }

  private RecordWriter writerOrNull() {
    return runtime.sourceSession(c).writer().orElse(null);
  }

  private void failed(StoredTargetChange r, String recordId, String action, SyncError e) {
    if (e.retryable()) {
      upstream(action, e);
    }
    b.fail(r, recordId, action, e, c.retry());
  }

  private void upstream(String operation, SyncError e) {
    BatchProcessor.upstream(problems, c, "reverse " + operation, e, null);
  }
}
