package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /connections/{id}/webhook}: registration status, register (subscribe), check (the
 * adapter's upkeep), unregister, rotate the URL token. Thread-safe.
 */
public final class WebhooksApi {
  private static final Logger log = LoggerFactory.getLogger(WebhooksApi.class);

  private final AdminContext ctx;

  public WebhooksApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("GET", "/connections/{id}/webhook", this::status);
    r.add("POST", "/connections/{id}/webhook/register", this::subscribe);
    r.add("POST", "/connections/{id}/webhook/check", this::check);
    r.add("POST", "/connections/{id}/webhook/unregister", this::unsubscribe);
    r.add("POST", "/connections/{id}/webhook/rotate-token", this::rotate);
  }

  private ObjectNode base(Call call, ConnectionConfig c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("connectionId", c.id());
    o.put("ingestionMode", c.ingestionMode().name());
    o.put("webhookUrl", ctx.maskedWebhookUrl(call.request(), c));
    ObjectNode opts = o.putObject("options");
    c.options().forEach(opts::put);
    return o;
  }

  private Reply status(Call call) {
    return Reply.ok(base(call, ctx.connection(call.path("id"))));
  }

  private Reply subscribe(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    // Through the engine: a failure is logged at WARN, counted and shown on the connection.
    ctx.admin().registerWebhook(c.id(), ctx.webhookUrl(call.request(), c));
    ConnectionConfig saved = ctx.connection(c.id());
    log.info("connection {}: webhook registered", c.id());
    ObjectNode out = base(call, saved);
    out.put("registered", true);
    return Reply.ok(out);
  }

  private Reply check(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    Map<String, String> status = ctx.admin().checkWebhook(c.id());
    ObjectNode out = base(call, c);
    ObjectNode s = out.putObject("status");
    status.forEach(s::put);
    return Reply.ok(out);
  }

  private Reply unsubscribe(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ctx.admin().unregisterWebhook(c.id());
    ObjectNode out = base(call, c);
    out.put("registered", false);
    return Reply.ok(out);
  }

  private Reply rotate(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ConnectionConfig rotated =
        c.toBuilder()
            .credentials(c.credentials().with(Credentials.WEBHOOK_TOKEN, Tokens.random(32)))
            .build();
    ctx.admin().update(rotated);
    log.info("connection {}: webhook token rotated", c.id());
    ObjectNode out = base(call, rotated);
    out.put("webhookUrl", ctx.webhookUrl(call.request(), rotated));
    return Reply.ok(out);
  }
}
