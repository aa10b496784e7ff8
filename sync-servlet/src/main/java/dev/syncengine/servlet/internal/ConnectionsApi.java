package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.CredentialCheck;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.MappingVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /connections}: create, read, update, delete, pause, resume, test credentials. Credentials
 * are write-only: every answer masks them. The steps of each change are the control plane's ({@link
 * ControlPlane}). Thread-safe.
 */
public final class ConnectionsApi {
  private final AdminContext ctx;
  private final SyncEngine engine;
  private final ControlPlane admin;
  private final Inspector inspect;

  public ConnectionsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.engine = ctx.engine();
    this.admin = ctx.admin();
    this.inspect = ctx.inspect();
  }

  public void register(Router r) {
    r.add("GET", "/connections", this::list);
    r.add("POST", "/connections", this::create);
    r.add(
        "GET", "/connections/{id}", c -> Reply.ok(view(c.request(), ctx.connection(c.path("id")))));
    r.add("PATCH", "/connections/{id}", this::update);
    r.add("DELETE", "/connections/{id}", this::delete);
    r.add("POST", "/connections/{id}/pause", c -> setPaused(c, true));
    r.add("POST", "/connections/{id}/resume", c -> setPaused(c, false));
    r.add("POST", "/connections/{id}/test", c -> Reply.ok(test(ctx.connection(c.path("id")))));
  }

  ObjectNode view(HttpServletRequest req, ConnectionConfig c) {
    Integer version = inspect.mapping(c.id()).map(MappingVersion::version).orElse(null);
    Map<JobState, Long> counts = inspect.jobCounts(c.id());
    ObjectNode view = Views.connection(c, ctx.maskedWebhookUrl(req, c), counts, version);
    view.set("health", ConnectionHealth.of(inspect, c.id()));
    view.set(
        "problems",
        Views.problems(engine.problems(c.id()), counts.getOrDefault(JobState.DEAD, 0L)));
    return view;
  }

  private Reply list(Call call) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("connections");
    for (ConnectionConfig c : inspect.connections()) {
      arr.add(view(call.request(), c));
    }
    return Reply.ok(out);
  }

  private Reply create(Call call) {
    JsonNode body = call.object();
    ConnectionConfig c =
        new ConnectionRequests(this::adapterProblems).create(body, ctx.defaultRetry());
    String id = c.id();
    if (inspect.connection(id).isPresent()) {
      throw ApiException.conflict("connection_exists", "a connection '" + id + "' exists");
    }
    // The URL token is the servlet's: IngressServlet checks it before the engine sees a delivery.
    c =
        c.toBuilder()
            .credentials(c.credentials().with(Credentials.WEBHOOK_TOKEN, Tokens.random(32)))
            .build();
    try {
      admin.create(c);
    } catch (IllegalStateException e) {
      throw ApiException.conflict("connection_exists", "a connection '" + id + "' exists");
    }
    ObjectNode out = view(call.request(), c);
    // The only answers that carry the token: the sender needs the URL once.
    out.put("webhookUrl", ctx.webhookUrl(call.request(), c));
    return Reply.created(out, call.request().getRequestURI() + "/" + id);
  }

  private Reply update(Call call) {
    ConnectionConfig current = ctx.connection(call.path("id"));
    JsonNode body = call.object();
    if (body.has("id") && !body.get("id").asText().equals(current.id())) {
      throw ApiException.invalid("id", "cannot be changed");
    }
    ConnectionConfig c =
        new ConnectionRequests(this::adapterProblems).apply(current.toBuilder(), body, current);
    return Reply.ok(view(call.request(), admin.update(c)));
  }

  private Reply delete(Call call) {
    admin.delete(ctx.connection(call.path("id")).id());
    return Reply.noContent();
  }

  private Reply setPaused(Call call, boolean paused) {
    String id = ctx.connection(call.path("id")).id();
    ConnectionConfig c = paused ? admin.pause(id) : admin.resume(id);
    return Reply.ok(view(call.request(), c));
  }

  private List<ApiException.Detail> adapterProblems(ConnectionConfig c) {
    List<ApiException.Detail> out = new ArrayList<>();
    if (!inspect.sourceTypes().contains(c.source().type())) {
      out.add(new ApiException.Detail("source.type", "no source adapter of this type"));
    }
    if (!inspect.targetTypes().contains(c.target().type())) {
      out.add(new ApiException.Detail("target.type", "no target adapter of this type"));
    }
    return out;
  }

  /** Checks both sides' credentials; each side answers ok or why not (never the secret). */
  ObjectNode test(ConnectionConfig c) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("source", check(admin.checkSourceCredentials(c)));
    out.set("target", check(admin.checkTargetCredentials(c)));
    return out;
  }

  static ObjectNode check(CredentialCheck check) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("ok", check.ok());
    if (!check.ok()) {
      o.put("code", check.code());
      o.put("message", check.message());
    }
    return o;
  }
}
