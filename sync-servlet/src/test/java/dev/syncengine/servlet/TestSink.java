package dev.syncengine.servlet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink for servlet tests: items in a map; a record whose title is "reject" fails for good. */
final class TestSink implements SinkAdapter {
  /** The credential the fake sink checks (the name the dashboard's wizard sends). */
  static final String TOKEN = "webflow.token";

  static final String GOOD_TOKEN = "wf-token-correct-0123456789";
  final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public SinkSession open(ConnectionConfig c) {
    return new SinkSession() {
      @Override
      public TargetSchema schema() {
        return TestSink.this.schema(c);
      }

      @Override
      public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
        return TestSink.this.write(c, ops);
      }
    };
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public List<NamedRef> containers(ConnectionConfig draft) {
    verifyCredentials(draft);
    return List.of(new NamedRef("site1", "Shop"));
  }

  @Override
  public List<NamedRef> collections(ConnectionConfig draft, String containerId) {
    verifyCredentials(draft);
    return List.of(new NamedRef("col1", "Products"));
  }

  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    if (!GOOD_TOKEN.equals(draft.credentials().get(TOKEN).orElse(""))) {
      throw new SyncException(SyncError.permanent("unauthorized", "the token was refused", null));
    }
  }

  public TargetSchema schema(ConnectionConfig c) {
    return new TargetSchema(
        "col1",
        "Products",
        List.of(
            new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField(
                "3", "price", "Price", "Number", TargetKind.NUMBER, false, true, null)));
  }

  public synchronized List<WriteResult> write(ConnectionConfig c, List<WriteOp> ops) {
    List<WriteResult> out = new ArrayList<>();
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Delete d) {
        out.add(
            new WriteResult(
                op.recordId(),
                WriteResult.Outcome.DELETED,
                d.existing() == null ? null : d.existing().itemId(),
                null,
                null,
                null,
                null));
        continue;
      }
      WriteOp.Upsert u = (WriteOp.Upsert) op;
      if (u.fieldData().path("name").asText().equals("reject")) {
        out.add(
            WriteResult.failed(
                op.recordId(), SyncError.permanent("validation_error", "name refused", "name")));
        continue;
      }
      String itemId = u.existing() != null ? u.existing().itemId() : "item" + ids.incrementAndGet();
      items.put(itemId, u.fieldData().deepCopy());
      out.add(
          new WriteResult(
              op.recordId(),
              u.existing() == null ? WriteResult.Outcome.CREATED : WriteResult.Outcome.UPDATED,
              itemId,
              u.fieldData(),
              "live",
              null,
              null));
    }
    return out;
  }
}
