package dev.syncengine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A sink for core tests: items in a map, unique slugs, a create for a slug that exists is adopted
 * (as the real sink does after a lost response), every write recorded.
 */
final class FakeSink implements SinkAdapter {
  final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
  final Map<String, String> itemBySlug = new ConcurrentHashMap<>();
  final List<String> writes = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  volatile Predicate<WriteOp> failPermanently = op -> false;
  volatile Predicate<WriteOp> failRetryably = op -> false;

  /** Runs after the writes of a call, before results return: a crash point. */
  volatile Runnable afterWrite = () -> {};

  /** What {@link #untilNextWrite} answers: a rate limiter's wait for its next free slot. */
  volatile java.util.function.Supplier<java.time.Duration> untilNextWrite =
      () -> java.time.Duration.ZERO;

  public java.time.Duration untilNextWrite(ConnectionConfig c) {
    return untilNextWrite.get();
  }

  @Override
  public SinkSession open(ConnectionConfig c) {
    return new SinkSession() {
      @Override
      public TargetSchema schema() {
        return FakeSink.this.schema(c);
      }

      @Override
      public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
        return FakeSink.this.write(c, ops, intents);
      }

      @Override
      public java.time.Duration untilNextWrite() {
        return FakeSink.this.untilNextWrite(c);
      }
    };
  }

  @Override
  public String type() {
    return "fake";
  }

  public TargetSchema schema(ConnectionConfig c) {
    return new TargetSchema(
        "col",
        "things",
        List.of(
            new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null)));
  }

  /** Create keys the engine handed back with upserts of records that had no item id yet. */
  final Map<String, String> createKeysSeen = new ConcurrentHashMap<>();

  public List<WriteResult> write(ConnectionConfig c, List<WriteOp> ops) {
    return write(c, ops, CreateIntents.NONE);
  }

  /** Like the real sink: records each create's key (its slug) before "sending" it. */
  public synchronized List<WriteResult> write(
      ConnectionConfig c, List<WriteOp> ops, CreateIntents intents) {
    calls.incrementAndGet();
    Map<String, String> keys = new java.util.HashMap<>();
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Upsert u && u.existing() == null) {
        keys.put(op.recordId(), u.fieldData().path("slug").asText());
        if (u.createKey() != null) {
          createKeysSeen.put(op.recordId(), u.createKey());
        }
      }
    }
    if (!keys.isEmpty()) {
      intents.record(keys);
    }
    List<WriteResult> results = new ArrayList<>();
    for (WriteOp op : ops) {
      if (failPermanently.test(op)) {
        results.add(
            WriteResult.failed(
                op.recordId(), SyncError.permanent("validation_error", "bad item", "name")));
        continue;
      }
      if (failRetryably.test(op)) {
        results.add(
            WriteResult.failed(op.recordId(), SyncError.retryable("internal_error", "5xx")));
        continue;
      }
      if (op instanceof WriteOp.Delete d) {
        if (d.createKey() != null) {
          createKeysSeen.put(op.recordId(), d.createKey());
        }
        String itemId =
            d.existing() != null ? d.existing().itemId() : itemBySlug.get(d.createKey());
        ObjectNode gone = itemId == null ? null : items.remove(itemId);
        if (gone != null) {
          itemBySlug.remove(gone.path("slug").asText());
        }
        writes.add("delete:" + op.recordId());
        results.add(
            new WriteResult(
                op.recordId(), WriteResult.Outcome.DELETED, itemId, null, null, null, null));
        continue;
      }
      WriteOp.Upsert u = (WriteOp.Upsert) op;
      if (u.existing() != null && u.fieldData().equals(u.existing().snapshot())) {
        results.add(
            new WriteResult(
                op.recordId(),
                WriteResult.Outcome.UNCHANGED,
                u.existing().itemId(),
                u.fieldData(),
                "live",
                null,
                null));
        continue;
      }
      String slug = u.fieldData().path("slug").asText();
      String itemId = u.existing() != null ? u.existing().itemId() : itemBySlug.get(slug);
      WriteResult.Outcome outcome;
      if (itemId == null) {
        itemId = "item" + ids.incrementAndGet();
        outcome = WriteResult.Outcome.CREATED;
      } else {
        outcome = u.existing() != null ? WriteResult.Outcome.UPDATED : WriteResult.Outcome.ADOPTED;
      }
      items.put(itemId, u.fieldData().deepCopy());
      itemBySlug.put(slug, itemId);
      writes.add("upsert:" + op.recordId() + "@" + u.fieldData().path("v").asText());
      results.add(
          new WriteResult(op.recordId(), outcome, itemId, u.fieldData(), "live", null, null));
    }
    afterWrite.run();
    return results;
  }

  ObjectNode itemFor(String recordSlug) {
    String id = itemBySlug.get(recordSlug);
    return id == null ? null : items.get(id);
  }
}
