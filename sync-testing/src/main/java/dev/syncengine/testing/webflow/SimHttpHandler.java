package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Authenticates, rate-limits and fault-injects each request, then answers it through its {@link
 * SimRoutes route}. Thread-safe.
 */
final class SimHttpHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Exchange attributes are context-wide in some JDKs; one exchange is served on one thread.
  private final ThreadLocal<RecordedRequest> pending = new ThreadLocal<>();
  private final WebflowSimulator sim;
  private final SimRoutes routes;

  SimHttpHandler(WebflowSimulator sim) {
    this.sim = sim;
    this.routes = new SimRoutes(sim);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String rawQuery = ex.getRequestURI().getRawQuery();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    pending.set(new RecordedRequest(method, path, rawQuery, body, 0));
    try {
      serve(ex, method, path, rawQuery, body);
    } catch (RuntimeException e) {
      sendError(ex, new SimError(500, "internal_error", "Simulator bug: " + e, List.of()), null);
    } finally {
      recordOnce(ex, 0); // a dropped connection
      ex.close();
    }
  }

  private int serve(HttpExchange ex, String method, String path, String rawQuery, String body)
      throws IOException {
    SimRoutes.Route route = routes.route(method, path);
    SimOperation op = route == null ? null : route.op();
    sim.counters().countRequest(op);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !sim.acceptsToken(auth.substring(7))) {
      sendError(ex, new SimError(401, "not_authorized", "Request not authorized", List.of()), null);
      return 401;
    }
    String token = auth.substring(7);
    SimRateLimiter.Decision d = sim.rateLimiter().take(token);
    if (!d.allowed()) {
      sim.counters().countRateLimited();
      ex.getResponseHeaders().set("Retry-After", Long.toString(d.retryAfterSeconds()));
      sendError(ex, new SimError(429, "too_many_requests", "Too Many Requests", List.of()), d);
      return 429;
    }
    if (route == null) {
      sendError(ex, SimError.notFound("route_not_found", method + " " + path), d);
      return 404;
    }
    Fault fault = sim.faults().pick(op);
    if (fault != null) {
      switch (fault.kind()) {
        case SERVER_ERROR -> {
          sendError(
              ex,
              new SimError(fault.status(), "internal_error", "Injected server error", List.of()),
              d);
          return fault.status();
        }
        case TIMEOUT -> {
          sleep(fault.delay().toMillis());
          return 0; // handle() closes the exchange: the connection drops, nothing applied
        }
        case LATENCY -> sleep(fault.delay().toMillis());
        case RESPONSE_LOST_AFTER_COMMIT -> {
          try {
            route.action().run(parse(body), query(rawQuery));
          } catch (SimError ignored) {
            // It failed anyway; the caller still hears nothing.
          }
          return 0;
        }
      }
    }
    if (sim.baseLatencyMillis() > 0) {
      sleep(sim.baseLatencyMillis());
    }
    try {
      SimRoutes.Answer a = route.action().run(parse(body), query(rawQuery));
      send(ex, a.status(), a.body(), d);
      return a.status();
    } catch (SimError e) {
      sendError(ex, e, d);
      return e.status;
    }
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw SimError.badRequest("Request body is not JSON");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendError(HttpExchange ex, SimError e, SimRateLimiter.Decision d)
      throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", e.code);
    o.put("message", e.getMessage());
    o.putNull("externalReference");
    ArrayNode details = o.putArray("details");
    for (String[] det : e.details) {
      details.addObject().put("param", det[0]).put("description", det[1]);
    }
    send(ex, e.status, o, d);
  }

  /** Records before answering, so a test that has its answer also sees the request. */
  private void recordOnce(HttpExchange ex, int status) {
    RecordedRequest r = pending.get();
    if (r != null) {
      pending.remove();
      sim.record(new RecordedRequest(r.method(), r.path(), r.query(), r.body(), status));
    }
  }

  private void send(HttpExchange ex, int status, JsonNode body, SimRateLimiter.Decision d)
      throws IOException {
    recordOnce(ex, status);
    if (d != null && d.limit() > 0) {
      ex.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(d.limit()));
      ex.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(d.remaining()));
    }
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
