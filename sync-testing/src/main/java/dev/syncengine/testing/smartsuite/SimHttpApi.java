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

  private static final String PENDING = "sim.response";
  private final SmartSuiteSimulator sim;

  SimHttpApi(SmartSuiteSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Instant at = Instant.now();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    int status;
    try (ex) {
      byte[] body = readAll(ex.getRequestBody());
      if (!authorized(ex)) {
        status = send(ex, 401, error("invalid credentials"));
        sim.recordRequest(new SimRequest(at, method, path, status), false);
        flush(ex);
        return;
      }
      if (!sim.rateGate.admit(sim.apiKey, at)) {
        status = send(ex, 429, error("rate limit exceeded"));
        sim.recordRequest(new SimRequest(at, method, path, status), true);
        flush(ex);
        return;
      }
      try {
        status = route(ex, method, path, body);
      } catch (SimRecordQuery.BadQuery e) {
        status = send(ex, 400, error(e.getMessage()));
      } catch (IOException e) {
        status = send(ex, 400, error("malformed JSON"));
      }
      // Recorded before the answer leaves, so a caller that got its answer sees its request here.
      sim.recordRequest(new SimRequest(at, method, path, status), false);
      flush(ex);
    }
  }

  private static void flush(HttpExchange ex) throws IOException {
    Object pending = ex.getAttribute(PENDING);
    if (pending instanceof Object[] p) {
      byte[] bytes = (byte[]) p[1];
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders((Integer) p[0], bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private int route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    Matcher m;
    if ((m = HOOKS.matcher(path)).matches() && method.equals("POST")) {
      return webhooks(ex, m.group(1), json(body));
    }
    if ((m = LIST.matcher(path)).matches() && method.equals("POST")) {
      if (sim.tableJson(m.group(1)) == null) {
        return send(ex, 404, error("table not found"));
      }
      String limitText = query.get("limit");
      int limit = limitText == null ? 100 : Integer.parseInt(limitText);
      if (limit < 1 || limit > 1000) {
        return send(ex, 400, error("limit must be 1-1000"));
      }
      int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
      return send(ex, 200, sim.listRecords(m.group(1), json(body), offset, limit));
    }
    if ((m = RECORD.matcher(path)).matches() && method.equals("GET")) {
      if (sim.tableJson(m.group(1)) == null) {
        return send(ex, 404, error("table not found"));
      }
      ObjectNode r = sim.getRecord(m.group(1), m.group(2));
      return r == null ? send(ex, 404, error("record not found")) : send(ex, 200, r);
    }
    if ((m = FILE.matcher(path)).matches() && method.equals("GET")) {
      String url = sim.sharedFileUrl(m.group(1));
      return url == null
          ? send(ex, 404, error("file not found"))
          : send(ex, 200, JsonNodeFactory.instance.objectNode().put("url", url));
    }
    if (TABLES.matcher(path).matches() && method.equals("GET")) {
      var arr = JsonNodeFactory.instance.arrayNode();
      sim.tablesOf(query.get("solution")).forEach(arr::add);
      return send(ex, 200, arr);
    }
    if ((m = TABLE.matcher(path)).matches() && method.equals("GET")) {
      ObjectNode t = sim.tableJson(m.group(1));
      return t == null ? send(ex, 404, error("table not found")) : send(ex, 200, t);
    }
    return send(ex, 404, error("no route"));
  }

  private int webhooks(HttpExchange ex, String method, JsonNode body) throws IOException {
    ObjectNode out =
        switch (method) {
          case "CreateWebhook" -> sim.createWebhook(body);
          case "GetWebhook" -> sim.getWebhook(body.path("webhook_id").asText());
          case "ListWebhooks" -> sim.listWebhooks();
          case "UpdateWebhook" -> sim.updateWebhook(body);
          case "DeleteWebhook" ->
              sim.deleteWebhook(body.path("webhook_id").asText())
                  ? JsonNodeFactory.instance.objectNode()
                  : null;
          case "ListEvents" -> sim.listEvents(body);
          default -> throw new SimRecordQuery.BadQuery("unknown method " + method);
        };
    return out == null ? send(ex, 404, error("webhook not found")) : send(ex, 200, out);
  }

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

  /** Prepares the answer; {@link #flush} sends it once the request is recorded. */
  private static int send(HttpExchange ex, int status, JsonNode body) throws IOException {
    ex.setAttribute(
        PENDING, new Object[] {status, SmartSuiteSimulator.JSON.writeValueAsBytes(body)});
    return status;
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
