package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.spi.SyncException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /connections}: create, read, update, delete, pause, resume, test credentials. Credentials
 * are write-only: every answer masks them. Thread-safe.
 */
public final class ConnectionsApi {
  private static final Logger log = LoggerFactory.getLogger(ConnectionsApi.class);

  private final AdminContext ctx;
  private final SyncEngine engine;

  public ConnectionsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.engine = ctx.engine();
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
    Integer version =
        engine.stores().connections().mapping(c.id()).map(MappingVersion::version).orElse(null);
    Map<JobState, Long> counts = engine.stores().jobs().counts(c.id());
    ObjectNode view = Views.connection(c, ctx.maskedWebhookUrl(req, c), counts, version);
    view.set("health", ConnectionHealth.of(engine.stores().eventLog(), c.id()));
    view.set(
        "problems",
        Views.problems(engine.problems(c.id()), counts.getOrDefault(JobState.DEAD, 0L)));
    return view;
  }

  private Reply list(Call call) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("connections");
    for (ConnectionConfig c : engine.stores().connections().list()) {
      arr.add(view(call.request(), c));
    }
    return Reply.ok(out);
  }

  private Reply create(Call call) {
    JsonNode body = call.object();
    ConnectionConfig c =
        new ConnectionRequests(this::adapterProblems).create(body, ctx.defaultRetry());
    String id = c.id();
    if (engine.stores().connections().find(id).isPresent()) {
      throw ApiException.conflict("connection_exists", "a connection '" + id + "' exists");
    }
    c =
        c.toBuilder()
            .credentials(c.credentials().with(Credentials.WEBHOOK_TOKEN, Tokens.random(32)))
            .build();
    engine.stores().connections().save(c);
    engine.invalidate(id);
    log.info("connection {} created", id);
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
    engine.stores().connections().save(c);
    engine.invalidate(c.id());
    log.info("connection {} updated", c.id());
    return Reply.ok(view(call.request(), c));
  }

  private Reply delete(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    engine.cancelBackfill(c.id());
    try {
      engine.sourceFor(c).unsubscribe(c);
    } catch (RuntimeException e) {
      log.warn("connection {}: could not remove the source webhook: {}", c.id(), e.toString());
    }
    engine.stores().connections().delete(c.id());
    engine.stores().jobs().deleteConnection(c.id());
    engine.invalidate(c.id());
    log.info("connection {} deleted", c.id());
    return Reply.noContent();
  }

  private Reply setPaused(Call call, boolean paused) {
    ConnectionConfig c = ctx.connection(call.path("id")).toBuilder().paused(paused).build();
    engine.stores().connections().save(c);
    engine.invalidate(c.id());
    if (!paused) {
      engine.wakeUp();
    }
    log.info("connection {} {}", c.id(), paused ? "paused" : "resumed");
    return Reply.ok(view(call.request(), c));
  }

  private List<ApiException.Detail> adapterProblems(ConnectionConfig c) {
    List<ApiException.Detail> out = new ArrayList<>();
    try {
      engine.sourceFor(c);
    } catch (IllegalStateException e) {
      out.add(new ApiException.Detail("source.type", "no source adapter of this type"));
    }
    try {
      engine.sinkFor(c);
    } catch (IllegalStateException e) {
      out.add(new ApiException.Detail("target.type", "no target adapter of this type"));
    }
    return out;
  }

  /** Checks both sides' credentials; each side answers ok or why not (never the secret). */
  ObjectNode test(ConnectionConfig c) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("source", check(() -> engine.sourceFor(c).verifyCredentials(c)));
    out.set("target", check(() -> engine.sinkFor(c).verifyCredentials(c)));
    return out;
  }

  static ObjectNode check(Runnable verify) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    try {
      verify.run();
      o.put("ok", true);
    } catch (SyncException e) {
      o.put("ok", false);
      boolean missing = MissingCredentialException.ERROR_CODE.equals(e.error().code());
      o.put("code", missing ? "not_configured" : e.error().code());
      o.put("message", e.error().message());
    } catch (MissingCredentialException e) {
      o.put("ok", false);
      o.put("code", "not_configured");
      o.put("message", e.getMessage());
    } catch (IllegalStateException e) {
      o.put("ok", false);
      o.put("code", "not_configured");
      o.put("message", "no adapter of this type, or a credential is missing");
    } catch (RuntimeException e) {
      o.put("ok", false);
      o.put("code", "error");
      o.put("message", "the check failed: " + e.getClass().getSimpleName());
    }
    return o;
  }
}
