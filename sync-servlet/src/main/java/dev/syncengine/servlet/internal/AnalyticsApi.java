package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.EventLogStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /analytics}: volume by status in time buckets over 24 h / 7 d / 30 d, success rate,
 * latency percentiles, top errors, per connection. Thread-safe.
 */
public final class AnalyticsApi {
  private final AdminContext ctx;
  private final SyncEngine engine;

  public AnalyticsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.engine = ctx.engine();
  }

  public void register(Router r) {
    r.add("GET", "/analytics", this::analytics);
  }

  private record Range(String name, Duration length, Duration bucket) {}

  private static Range range(String v) {
    if (v == null || v.equals("24h")) {
      return new Range("24h", Duration.ofHours(24), Duration.ofHours(1));
    }
    if (v.equals("7d")) {
      return new Range("7d", Duration.ofDays(7), Duration.ofHours(6));
    }
    if (v.equals("30d")) {
      return new Range("30d", Duration.ofDays(30), Duration.ofDays(1));
    }
    throw ApiException.invalid("range", "must be 24h, 7d or 30d");
  }

  private Reply analytics(Call call) {
    Range range = range(call.query("range"));
    String connectionId = call.query("connectionId");
    if (connectionId != null) {
      ctx.connection(connectionId);
    }
    long bucketMs = range.bucket().toMillis();
    long nowMs = engine.clock().instant().toEpochMilli();
    // Buckets end at the next boundary so the current, partial one is included.
    Instant to = Instant.ofEpochMilli((nowMs / bucketMs + 1) * bucketMs);
    Instant from = to.minus(range.length());
    Inspector log = ctx.inspect();

    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("range", range.name());
    out.put("connectionId", connectionId);
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("bucketSeconds", range.bucket().toSeconds());
    ArrayNode buckets = out.putArray("buckets");
    Map<LogStatus, Long> totals = new EnumMap<>(LogStatus.class);
    for (EventLogStore.Bucket b : log.volume(connectionId, from, to, range.bucket())) {
      ObjectNode o = buckets.addObject();
      o.put("start", b.start().toString());
      o.set("counts", counts(b.counts()));
      b.counts().forEach((s, n) -> totals.merge(s, n, Long::sum));
    }
    out.set("totals", counts(totals));
    putRate(out, totals);
    EventLogStore.Latency lat = log.latency(connectionId, from, to);
    out.putObject("latencyMs")
        .put("count", lat.count())
        .put("p50", lat.p50())
        .put("p95", lat.p95())
        .put("p99", lat.p99());
    ArrayNode errors = out.putArray("topErrors");
    for (EventLogStore.ErrorCount e : log.topErrors(connectionId, from, to, 10)) {
      errors
          .addObject()
          .put("errorCode", e.errorCode())
          .put("message", e.message())
          .put("count", e.count());
    }
    ArrayNode per = out.putArray("perConnection");
    List<ConnectionConfig> conns =
        connectionId == null ? log.connections() : List.of(ctx.connection(connectionId));
    for (ConnectionConfig c : conns) {
      Map<LogStatus, Long> t = new EnumMap<>(LogStatus.class);
      for (EventLogStore.Bucket b : log.volume(c.id(), from, to, range.length())) {
        b.counts().forEach((s, n) -> t.merge(s, n, Long::sum));
      }
      ObjectNode o = per.addObject();
      o.put("connectionId", c.id());
      o.put("name", c.name());
      o.set("totals", counts(t));
      putRate(o, t);
      o.put("p95LatencyMs", log.latency(c.id(), from, to).p95());
    }
    return Reply.ok(out);
  }

  private static ObjectNode counts(Map<LogStatus, Long> counts) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    for (LogStatus s : LogStatus.values()) {
      o.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0L));
    }
    return o;
  }

  /** Success rate = success / (success + dead); retries are transient, skips are not attempts. */
  private static void putRate(ObjectNode o, Map<LogStatus, Long> totals) {
    long ok = totals.getOrDefault(LogStatus.SUCCESS, 0L);
    long dead = totals.getOrDefault(LogStatus.DEAD, 0L);
    if (ok + dead == 0) {
      o.putNull("successRate");
    } else {
      o.put("successRate", (double) ok / (ok + dead));
    }
  }
}
