package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.servlet.ReadinessCheck;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (the process answers) and {@code GET /health/ready} (store reachable, extra
 * checks pass; reports queue lag and each connection's state and last error). Thread-safe.
 */
public final class HealthServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(HealthServlet.class);

  private final SyncEngine engine;
  private final Map<String, ReadinessCheck> checks;

  public HealthServlet(SyncEngine engine, Map<String, ReadinessCheck> checks) {
    this.engine = engine;
    this.checks = Map.copyOf(checks);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SecurityHeadersFilter.apply(req, resp);
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    if (!path.equals("/") && !path.equals("/ready")) {
      Http.writeError(resp, ApiException.notFound("no such endpoint"));
      return;
    }
    if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
      Http.writeError(
          resp, new ApiException(405, "method_not_allowed", "use GET").header("Allow", "GET"));
      return;
    }
    if (path.equals("/")) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("status", "UP");
      out.put("workersRunning", engine.running());
      Http.writeJson(resp, 200, out);
      return;
    }
    ready(resp);
  }

  private void ready(HttpServletResponse resp) throws IOException {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode checksOut = out.putObject("checks");
    boolean up = true;
    Instant now = engine.clock().instant();
    List<ConnectionConfig> connections = List.of();
    try {
      connections = engine.inspect().connections();
      Map<JobState, Long> counts = engine.inspect().jobCounts(null);
      Optional<Instant> oldest = engine.inspect().oldestWaiting(null);
      checksOut.putObject("store").put("status", "UP");
      ObjectNode queue = out.putObject("queue");
      for (JobState s : JobState.values()) {
        queue.put(s.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(s, 0L));
      }
      queue.put(
          "lagSeconds",
          oldest.map(o -> Math.max(0, Duration.between(o, now).toSeconds())).orElse(0L));
    } catch (RuntimeException e) {
      up = false;
      log.warn("readiness: store check failed: {}", e.toString());
      checksOut.putObject("store").put("status", "DOWN").put("error", e.getClass().getSimpleName());
    }
    for (Map.Entry<String, ReadinessCheck> c : checks.entrySet()) {
      ObjectNode o = checksOut.putObject(c.getKey());
      try {
        c.getValue().check();
        o.put("status", "UP");
      } catch (Exception e) {
        up = false;
        log.warn("readiness: check {} failed: {}", c.getKey(), e.toString());
        o.put("status", "DOWN").put("error", e.getClass().getSimpleName());
      }
    }
    ArrayNode conns = out.putArray("connections");
    for (ConnectionConfig c : connections) {
      ObjectNode o = conns.addObject();
      o.put("id", c.id());
      o.put("state", c.paused() ? "paused" : "active");
      putLastError(o, c.id());
    }
    out.put("status", up ? "UP" : "DOWN");
    Http.writeJson(resp, up ? 200 : 503, out);
  }

  /** The connection's newest retry or dead letter, or null (also when the log cannot be read). */
  private void putLastError(ObjectNode o, String connectionId) {
    try {
      List<LogEntry> last =
          engine
              .inspect()
              .log(
                  new LogQuery(
                      connectionId,
                      EnumSet.of(LogStatus.RETRY, LogStatus.DEAD),
                      null,
                      null,
                      null,
                      0,
                      1));
      if (last.isEmpty()) {
        o.putNull("lastError");
      } else {
        LogEntry e = last.get(0);
        ObjectNode err = o.putObject("lastError");
        err.put("at", e.at().toString());
        err.put("code", e.errorCode());
        err.put("message", e.message());
      }
    } catch (RuntimeException e) {
      o.putNull("lastError");
    }
  }
}
