package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.SyncException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions two-way connections leave to a person: {@code GET /pending-deletes} (items deleted
 * in the target whose records wait under the "ask" delete policy), {@code POST
 * /pending-deletes/{changeId}/approve} and {@code .../reject}, and {@code GET
 * /connections/{id}/conflicts} (what the conflict policy decided, with the losing values). Thin:
 * everything goes through {@link TwoWay}. Thread-safe.
 */
public final class ReverseDecisionsApi {
  private static final Logger log = LoggerFactory.getLogger(ReverseDecisionsApi.class);

  private final AdminContext ctx;

  public ReverseDecisionsApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("GET", "/pending-deletes", this::pending);
    r.add("POST", "/pending-deletes/{changeId}/approve", c -> decide(c, true));
    r.add("POST", "/pending-deletes/{changeId}/reject", c -> decide(c, false));
    r.add("GET", "/connections/{id}/conflicts", this::conflicts);
  }

  private TwoWay twoWay() {
    return ctx.engine().twoWay();
  }

  private Reply pending(Call call) {
    String connectionId = call.query("connectionId");
    if (connectionId != null) {
      ctx.connection(connectionId); // 404 for an unknown one
    }
    int offset = call.queryInt("offset", 0, 0, EventsApi.MAX_SCAN);
    int limit = call.queryInt("limit", 50, 1, EventsApi.MAX_LIMIT);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("pendingDeletes");
    List<StoredTargetChange> rows = twoWay().pendingDeletes(connectionId, offset, limit + 1);
    for (StoredTargetChange s : rows.subList(0, Math.min(limit, rows.size()))) {
      arr.add(pendingView(s));
    }
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("hasMore", rows.size() > limit);
    return Reply.ok(out);
  }

  /** A held delete with the record it would delete and what the item last showed. */
  private ObjectNode pendingView(StoredTargetChange s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("changeId", s.id());
    o.put("connectionId", s.change().connectionId());
    o.put("itemId", s.change().itemId());
    IdMapping m =
        ctx.inspect().itemByTargetId(s.change().connectionId(), s.change().itemId()).orElse(null);
    o.put("recordId", m == null ? null : m.recordId());
    o.put("itemName", m == null ? null : name(m));
    o.put("trigger", s.change().trigger());
    // Webflow's delete delivery carries the item's lastUpdated, else the ingress stamps arrival.
    o.put("deletedAt", s.change().targetVersion().toString());
    o.put("receivedAt", s.change().receivedAt().toString());
    o.put("heldAt", s.updatedAt().toString());
    o.put("note", s.lastError());
    return o;
  }

  private static String name(IdMapping m) {
    JsonNode snap = m.snapshot();
    if (snap == null) {
      return null;
    }
    JsonNode n = snap.path("name");
    return n.isTextual()
        ? n.asText()
        : snap.path("slug").isTextual() ? snap.get("slug").asText() : null;
  }

  private Reply decide(Call call, boolean approve) {
    long id;
    try {
      id = Long.parseLong(call.path("changeId"));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("changeId", "must be a number");
    }
    StoredTargetChange row =
        twoWay().change(id).orElseThrow(() -> ApiException.notFound("no reverse event " + id));
    if (row.state() != JobState.HELD) {
      throw notHeld(id, row.state().name().toLowerCase(Locale.ROOT));
    }
    TwoWay.Decision d;
    try {
      d = approve ? twoWay().approveDelete(id) : twoWay().rejectDelete(id);
    } catch (SyncException e) {
      ConnectionConfig c = ctx.inspect().connection(row.change().connectionId()).orElse(null);
      String source = c == null ? "the source" : c.source().type();
      // Adapter messages are written to be shown (never a secret).
      log.warn(
          "reverse delete {} approval: {} refused ({}): {}",
          id,
          source,
          e.error().code(),
          e.error().message());
      throw new ApiException(
          502,
          "upstream_error",
          source
              + " refused the delete ("
              + e.error().code()
              + "): "
              + e.error().message()
              + "; the delete stays pending");
    } catch (UnsupportedOperationException e) {
      throw ApiException.conflict(
          "not_supported",
          "the source of this connection cannot delete records: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // decided by someone else between the check above and now, or its connection went away
      throw ApiException.conflict("not_held", e.getMessage());
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("changeId", d.changeId());
    out.put("connectionId", d.connectionId());
    out.put("recordId", d.recordId());
    out.put("decision", approve ? "approved" : "rejected");
    out.put("result", d.result());
    return Reply.ok(out);
  }

  private static ApiException notHeld(long id, String state) {
    return ApiException.conflict(
        "not_held", "reverse event " + id + " is not waiting for a decision (it is " + state + ")");
  }

  private Reply conflicts(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    String recordId = call.query("recordId");
    int offset = call.queryInt("offset", 0, 0, EventsApi.MAX_SCAN);
    int limit = call.queryInt("limit", 50, 1, EventsApi.MAX_LIMIT);
    List<LogEntry> found = twoWay().conflicts(c.id(), recordId, offset, limit + 1);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("connectionId", c.id());
    ArrayNode arr = out.putArray("conflicts");
    for (LogEntry e : found.subList(0, Math.min(limit, found.size()))) {
      arr.add(ConflictJson.of(e));
    }
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("hasMore", found.size() > limit);
    return Reply.ok(out);
  }
}
