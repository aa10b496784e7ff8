package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.model.ConnectionConfig;

/**
 * {@code /connections/{id}/backfill}: start (backfill or reconcile), progress, cancel. Thread-safe.
 */
public final class BackfillApi {
  private final AdminContext ctx;
  private final ControlPlane admin;

  public BackfillApi(AdminContext ctx) {
    this.ctx = ctx;
    this.admin = ctx.admin();
  }

  public void register(Router r) {
    r.add("POST", "/connections/{id}/backfill", this::start);
    r.add("GET", "/connections/{id}/backfill", this::status);
    r.add("POST", "/connections/{id}/backfill/cancel", this::cancel);
  }

  private Reply start(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    String kind = Call.text(call.optionalObject(), "kind", false);
    String k = kind == null ? "backfill" : kind;
    BackfillStatus s;
    if (k.equals("backfill")) {
      s = admin.backfill(c.id());
    } else if (k.equals("reconcile")) {
      s = admin.reconcile(c.id());
    } else {
      throw ApiException.invalid("kind", "must be backfill or reconcile");
    }
    return Reply.accepted(Views.backfill(s));
  }

  private Reply status(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    return Reply.ok(
        Views.backfill(
            admin
                .backfillStatus(c.id())
                .orElseThrow(
                    () -> ApiException.notFound("no backfill has run for this connection"))));
  }

  private Reply cancel(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("cancelled", admin.cancelBackfill(c.id()));
    return Reply.ok(out);
  }
}
