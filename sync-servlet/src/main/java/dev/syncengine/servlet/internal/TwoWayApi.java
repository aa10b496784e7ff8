package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import java.util.Locale;
import java.util.Map;

/**
 * Two-way connections in the admin API: {@code GET /reverse-events} (the event inbox's reverse
 * events, target → source, newest first), {@code GET /reverse-events/{id}} (with the delivered
 * payload), and {@code /connections/{id}/target-webhook} (status, register, unregister). Thin:
 * everything goes through {@link TwoWay}. Thread-safe.
 */
public final class TwoWayApi {
  private final AdminContext ctx;

  public TwoWayApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("GET", "/reverse-events", this::list);
    r.add("GET", "/reverse-events/{id}", this::detail);
    r.add("GET", "/connections/{id}/target-webhook", this::status);
    r.add("POST", "/connections/{id}/target-webhook/register", this::subscribe);
    r.add("POST", "/connections/{id}/target-webhook/unregister", this::unsubscribe);
  }

  private TwoWay twoWay() {
    return ctx.engine().twoWay();
  }

  private Reply list(Call call) {
    String connectionId = call.query("connectionId");
    if (connectionId != null) {
      ctx.connection(connectionId); // 404 for an unknown one
    }
    JobState state = state(call.query("status"));
    int offset = call.queryInt("offset", 0, 0, EventsApi.MAX_SCAN);
    int limit = call.queryInt("limit", 50, 1, EventsApi.MAX_LIMIT);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("events");
    for (StoredTargetChange c : twoWay().changes(connectionId, state, offset, limit + 1)) {
      if (arr.size() < limit) {
        arr.add(view(c, false));
      } else {
        out.put("hasMore", true);
      }
    }
    out.put("hasMore", out.path("hasMore").asBoolean(false));
    ObjectNode counts = out.putObject("counts");
    twoWay()
        .counts(connectionId)
        .forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
    return Reply.ok(out);
  }

  private Reply detail(Call call) {
    long id;
    try {
      id = Long.parseLong(call.path("id"));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("id", "must be a number");
    }
    StoredTargetChange c =
        twoWay().change(id).orElseThrow(() -> ApiException.notFound("no reverse event " + id));
    return Reply.ok(view(c, true));
  }

  private static JobState state(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return JobState.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("status", "must be pending, claimed, held, done or dead");
    }
  }

  private ObjectNode view(StoredTargetChange s, boolean withPayload) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", s.id());
    o.put("connectionId", s.change().connectionId());
    o.put("direction", "reverse");
    ConnectionConfig c = ctx.engine().inspect().connection(s.change().connectionId()).orElse(null);
    o.put("from", c == null ? null : c.target().type());
    o.put("to", c == null ? null : c.source().type());
    o.put("itemId", s.change().itemId());
    o.put("trigger", s.change().trigger());
    o.put("kind", s.change().kind().name().toLowerCase(Locale.ROOT));
    o.put("status", s.state().name().toLowerCase(Locale.ROOT));
    o.put("attempts", s.attempts());
    o.put("targetVersion", s.change().targetVersion().toString());
    o.put("receivedAt", s.change().receivedAt().toString());
    o.put("updatedAt", s.updatedAt().toString());
    o.put("lastError", s.lastError());
    if (withPayload) {
      o.set("payload", s.change().payload());
      o.put("deliveryKey", s.change().deliveryKey());
    }
    return o;
  }

  private ObjectNode base(ConnectionConfig c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("connectionId", c.id());
    o.put("twoWay", TwoWay.enabled(c));
    ObjectNode s = o.putObject("status");
    twoWay().webhookStatus(c.id()).forEach(s::put);
    return o;
  }

  private Reply status(Call call) {
    return Reply.ok(base(ctx.connection(call.path("id"))));
  }

  private Reply subscribe(Call call) {
    ConnectionConfig c = requireTwoWay(call);
    Map<String, String> status =
        twoWay().registerWebhooks(c.id(), ctx.webhookUrl(call.request(), c) + TwoWay.URL_SUFFIX);
    ObjectNode out = base(c);
    ObjectNode s = out.putObject("status");
    status.forEach(s::put);
    return Reply.ok(out);
  }

  private Reply unsubscribe(Call call) {
    ConnectionConfig c = requireTwoWay(call);
    twoWay().unregisterWebhooks(c.id(), ctx.webhookUrl(call.request(), c) + TwoWay.URL_SUFFIX);
    return Reply.ok(base(c));
  }

  private ConnectionConfig requireTwoWay(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    if (!TwoWay.enabled(c)) {
      throw ApiException.conflict(
          "one_way", "connection is one-way: set option " + TwoWay.OPTION_ENABLED + " to true");
    }
    if (c.credentials().get(dev.syncengine.core.model.Credentials.WEBHOOK_TOKEN).isEmpty()) {
      throw ApiException.conflict(
          "no_webhook_token", "the connection has no webhook token: rotate it first");
    }
    return c;
  }
}
