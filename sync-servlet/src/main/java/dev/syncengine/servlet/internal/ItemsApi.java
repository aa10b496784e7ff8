package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.spi.LogQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /items}: one record's item by source id or target item id, its sync history, the diff
 * between the last two written snapshots, and resync. Thread-safe.
 */
public final class ItemsApi {
  private final AdminContext ctx;
  private final Inspector inspect;

  public ItemsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.inspect = ctx.inspect();
  }

  public void register(Router r) {
    r.add("GET", "/items", this::lookup);
    r.add("POST", "/items/resync", this::resync);
  }

  private Reply lookup(Call call) {
    String connectionId = call.query("connectionId");
    if (connectionId == null) {
      throw ApiException.invalid("connectionId", "required");
    }
    ConnectionConfig c = ctx.connection(connectionId);
    String recordId = call.query("recordId");
    String itemId = call.query("itemId");
    if ((recordId == null) == (itemId == null)) {
      throw ApiException.invalid("recordId", "give exactly one of recordId or itemId");
    }
    Optional<IdMapping> m =
        recordId != null ? inspect.item(c.id(), recordId) : inspect.itemByTargetId(c.id(), itemId);
    if (recordId == null) {
      recordId = m.map(IdMapping::recordId).orElse(null);
    }
    Optional<Job> job =
        recordId == null ? Optional.empty() : inspect.jobForRecord(c.id(), recordId);
    List<LogEntry> history =
        recordId == null
            ? List.of()
            : inspect.log(new LogQuery(c.id(), Set.of(), recordId, null, null, 0, 100));
    if (m.isEmpty() && job.isEmpty() && history.isEmpty()) {
      throw new ApiException(404, "item_not_found", "nothing is known about this item");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("connectionId", c.id());
    out.put("recordId", recordId);
    if (m.isPresent()) {
      IdMapping x = m.get();
      out.put("itemId", x.itemId());
      out.put("itemState", x.itemState());
      out.put("sourceVersion", x.sourceVersion() == null ? null : x.sourceVersion().toString());
      out.put("updatedAt", x.updatedAt() == null ? null : x.updatedAt().toString());
      out.set("snapshot", x.snapshot());
      out.set("previousSnapshot", x.previousSnapshot());
      out.set(
          "diff",
          x.previousSnapshot() == null
              ? Json.MAPPER.createArrayNode()
              : SnapshotDiff.diff(x.previousSnapshot(), x.snapshot()));
    } else {
      out.putNull("itemId");
      out.putNull("itemState");
      out.putNull("sourceVersion");
      out.putNull("updatedAt");
      out.putNull("snapshot");
      out.putNull("previousSnapshot");
      out.putArray("diff");
    }
    if (job.isPresent()) {
      out.set("job", Views.event(job.get(), history.isEmpty() ? null : history.get(0)));
    } else {
      out.putNull("job");
    }
    ArrayNode h = out.putArray("history");
    history.forEach(e -> h.add(Views.log(e, true)));
    return Reply.ok(out);
  }

  private Reply resync(Call call) {
    JsonNode body = call.object();
    String connectionId = Call.text(body, "connectionId", true);
    String recordId = Call.text(body, "recordId", true);
    ConnectionConfig c = ctx.connection(connectionId);
    long jobId =
        ctx.admin()
            .resync(c.id(), recordId)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "record_not_found",
                        "no such record at the source, and it was never synced"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("jobId", jobId);
    out.put("connectionId", c.id());
    out.put("recordId", recordId);
    return Reply.accepted(out);
  }
}
