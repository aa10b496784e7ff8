package dev.syncengine.smartsuite.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Webflow stand-in (type {@code webflow}) that keeps items in memory and records every op it is
 * asked to write, so tests can tell a change applied once from one applied twice. It never answers
 * UNCHANGED: a write the engine should not have asked for shows up in {@link #writes}. A create for
 * a record that already has an item is recorded in {@link #duplicateCreates} (one item per record,
 * always). Thread-safe: writes are serialised.
 */
final class RecordingSink implements SinkAdapter {

  /** One op as the sink received it; {@code version} is the mapped record's version. */
  record Write(String recordId, String kind, String version) {}

  final List<Write> writes = new CopyOnWriteArrayList<>();
  final List<String> duplicateCreates = new CopyOnWriteArrayList<>();
  private final Map<String, ObjectNode> items = new HashMap<>();
  private final Map<String, String> itemByRecord = new HashMap<>();
  private int ids;

  @Override
  public SinkSession open(ConnectionConfig c) {
    return new SinkSession() {
      @Override
      public TargetSchema schema() {
        return RecordingSink.this.schema(c);
      }

      @Override
      public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
        return RecordingSink.this.write(c, ops);
      }
    };
  }

  @Override
  public String type() {
    return "webflow";
  }

  public TargetSchema schema(ConnectionConfig c) {
    return new TargetSchema(
        c.target().id(),
        "Products",
        List.of(
            new TargetField("f1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("f2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null)));
  }

  public synchronized List<WriteResult> write(ConnectionConfig c, List<WriteOp> ops) {
    List<WriteResult> results = new ArrayList<>(ops.size());
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Delete d) {
        writes.add(new Write(d.recordId(), "delete", null));
        String itemId = d.existing().itemId();
        items.remove(itemId);
        itemByRecord.remove(d.recordId());
        results.add(
            new WriteResult(
                d.recordId(), WriteResult.Outcome.DELETED, itemId, null, null, null, null));
        continue;
      }
      WriteOp.Upsert u = (WriteOp.Upsert) op;
      writes.add(new Write(u.recordId(), "upsert", u.fieldData().path("_version").asText()));
      String itemId = u.existing() == null ? null : u.existing().itemId();
      WriteResult.Outcome outcome = WriteResult.Outcome.UPDATED;
      if (itemId == null) {
        if (itemByRecord.containsKey(u.recordId())) {
          duplicateCreates.add(u.recordId());
        }
        itemId = "item" + (++ids);
        outcome = WriteResult.Outcome.CREATED;
      }
      items.put(itemId, u.fieldData().deepCopy());
      itemByRecord.put(u.recordId(), itemId);
      results.add(
          new WriteResult(u.recordId(), outcome, itemId, u.fieldData(), "live", null, null));
    }
    return results;
  }

  /** The items now held, keyed by source record id. */
  synchronized Map<String, ObjectNode> itemsByRecord() {
    Map<String, ObjectNode> out = new HashMap<>();
    itemByRecord.forEach((record, item) -> out.put(record, items.get(item).deepCopy()));
    return out;
  }

  /** Writes received for one record, in order. */
  List<Write> writesFor(String recordId) {
    return writes.stream().filter(w -> w.recordId().equals(recordId)).toList();
  }
}
