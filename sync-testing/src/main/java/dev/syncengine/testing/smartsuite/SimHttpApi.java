package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes HTTP requests to the simulator: auth, rate limit, REST and webhooks service. */
final class SimHttpApi implements HttpHandler {
  private static final Pattern LIST =
      Pattern.compile("/api/v1/applications/([^/]+)/records/list/?");
  private static final Pattern RECORD =
      Pattern.compile("/api/v1/applications/([^/]+)/records/([^/]+)/?");
  private static final Pattern TABLE = Pattern.compile("/api/v1/applications/([^/]+)/?");
  private static final Pattern TABLES = Pattern.compile("/api/v1/applications/?");
  private static final Pattern FILE = Pattern.compile("/api/v1/shared-files/([^/]+)/url/?");
  private static final Pattern HOOKS =
      Pattern.compile("/webhooks/smartsuite\\.webhooks\\.engine\\.Webhooks/([A-Za-z]+)");

  private final SmartSuiteSimulator sim;

  SimHttpApi(SmartSuiteSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Instant at = sim.clock.instant();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    try (ex) {
      byte[] body = readAll(ex.getRequestBody());
      if (sim.latencyMillis > 0) {
        try {
          Thread.sleep(sim.latencyMillis); // the round trip to a real server, before it answers
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Reply reply;
      boolean limited = false;
      SimWrite write = SimRecordWrites.kindOf(method, path);
      int injected = 0;
      if (!authorized(ex)) {
        reply = reply(401, error("invalid credentials"));
      } else if (!sim.rateGate.admit(sim.apiKey, at)) {
        reply = reply(429, error("rate limit exceeded"));
        limited = true;
      } else if (write != null && (injected = sim.writeFaults().takeFailure(write)) != 0) {
        limited = injected == 429; // nothing applied: no record, no event
        reply = reply(injected, error(limited ? "rate limit exceeded" : "injected failure"));
      } else {
        try {
          reply = route(ex, method, path, body);
        } catch (SimRecordQuery.BadQuery e) {
          reply = reply(400, error(e.getMessage()));
        } catch (IOException e) {
          reply = reply(400, error("malformed JSON"));
        }
      }
      SmartSuiteSimulator.LostAnswer lost = null;
      if (reply.status() == 200 && path.endsWith("/CreateWebhook")) {
        lost =
            sim.webhooks()
                .takeLostCreateAnswer(); // the webhook is stored; now its answer goes astray
      } else if (reply.status() == 200 && write != null) {
        lost = sim.writeFaults().takeLostAnswer(write); // applied; now the answer goes astray
      }
      if (lost == SmartSuiteSimulator.LostAnswer.SERVER_ERROR) {
        reply = reply(500, error("upstream request timeout"));
      } else if (lost == SmartSuiteSimulator.LostAnswer.GARBAGE) {
        reply = new Reply(200, "<html>502 Bad Gateway".getBytes(StandardCharsets.UTF_8));
      }
      // Recorded before the answer leaves, so a caller that got its answer sees its request here.
      sim.log().recordRequest(new SimRequest(at, method, path, reply.status()), limited);
      if (lost == SmartSuiteSimulator.LostAnswer.CONNECTION_CLOSED) {
        return; // closing the exchange before any header closes the connection: no answer
      }
      if (lost == SmartSuiteSimulator.LostAnswer.TIMEOUT) {
        try {
          Thread.sleep(SmartSuiteSimulator.LOST_ANSWER_DELAY.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  private Reply route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    Matcher m;
    if ((m = HOOKS.matcher(path)).matches() && method.equals("POST")) {
      return webhooks(m.group(1), json(body));
    }
    if ((m = LIST.matcher(path)).matches() && method.equals("POST")) {
      if (sim.tables().tableJson(m.group(1)) == null) {
        return reply(404, error("table not found"));
      }
      String limitText = query.get("limit");
      int limit = limitText == null ? 100 : Integer.parseInt(limitText);
      if (limit < 1 || limit > 1000) {
        return reply(400, error("limit must be 1-1000"));
      }
      int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
      return reply(200, sim.tables().listRecords(m.group(1), json(body), offset, limit));
    }
    if ((m = RECORD.matcher(path)).matches() && method.equals("GET")) {
      if (sim.tables().tableJson(m.group(1)) == null) {
        return reply(404, error("table not found"));
      }
      ObjectNode r = sim.tables().getRecord(m.group(1), m.group(2));
      return r == null ? reply(404, error("record not found")) : reply(200, r);
    }
    if ((m = FILE.matcher(path)).matches() && method.equals("GET")) {
      String url = sim.tables().sharedFileUrl(m.group(1));
      return url == null
          ? reply(404, error("file not found"))
          : reply(200, JsonNodeFactory.instance.objectNode().put("url", url));
    }
    if (TABLES.matcher(path).matches() && method.equals("GET")) {
      var arr = JsonNodeFactory.instance.arrayNode();
      sim.tables().tablesOf(query.get("solution")).forEach(arr::add);
      return reply(200, arr);
    }
    if ((m = TABLE.matcher(path)).matches() && method.equals("GET")) {
      ObjectNode t = sim.tables().tableJson(m.group(1));
      return t == null ? reply(404, error("table not found")) : reply(200, t);
    }
    SimRecordWrites.Result written = sim.writes().route(method, path, json(body));
    if (written != null) {
      return reply(written.status(), written.body());
    }
    return reply(404, error("no route"));
  }

  private Reply webhooks(String method, JsonNode body) throws IOException {
    ObjectNode out =
        switch (method) {
          case "CreateWebhook" -> sim.webhooks().createWebhook(body);
          case "GetWebhooks" -> sim.webhooks().getWebhook(body.path("webhook_id").asText());
          case "ListWebhooks" -> sim.webhooks().listWebhooks(body);
          case "UpdateWebhook" -> sim.webhooks().updateWebhook(body);
          case "DeleteWebhook" ->
              sim.webhooks().deleteWebhook(body.path("webhook_id").asText())
                  ? JsonNodeFactory.instance.objectNode()
                  : null;
          case "ListEvents" -> sim.webhooks().listEvents(body);
          default -> null;
        };
    if (out == null && !KNOWN_WEBHOOK_METHODS.contains(method)) {
      // what a Twirp service answers for a method it does not have
      return reply(
          404,
          JsonNodeFactory.instance
              .objectNode()
              .put("code", "bad_route")
              .put("msg", "no handler for path " + method));
    }
    return out == null ? reply(404, error("webhook not found")) : reply(200, out);
  }

  private static final Set<String> KNOWN_WEBHOOK_METHODS =
      Set.of(
          "CreateWebhook",
          "GetWebhooks",
          "ListWebhooks",
          "UpdateWebhook",
          "DeleteWebhook",
          "ListEvents");

  private boolean authorized(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String account = ex.getRequestHeaders().getFirst("ACCOUNT-ID");
    return auth != null
        && account != null
        && MessageDigest.isEqual(
            auth.getBytes(StandardCharsets.UTF_8),
            ("Token " + sim.apiKey).getBytes(StandardCharsets.UTF_8))
        && account.equals(sim.accountId);
  }

  private static JsonNode json(byte[] body) throws IOException {
    if (body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    return SmartSuiteSimulator.JSON.readTree(body);
  }

  private static ObjectNode error(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message);
  }

  /** One answer: status and JSON bytes. */
  private record Reply(int status, byte[] body) {}

  private static Reply reply(int status, JsonNode body) throws IOException {
    return new Reply(status, SmartSuiteSimulator.JSON.writeValueAsBytes(body));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
