package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/{connectionId}} and {@code POST /hooks/{connectionId}/{token}}: reads the body
 * under a size cap, checks it is JSON and hands it to {@link SyncEngine#ingest}; {@code POST
 * /hooks/{connectionId}/{token}/target} (a delivery from the target of a two-way connection, e.g. a
 * Webflow webhook) goes to {@link TwoWay#ingest} the same way. No outbound call. Thread-safe.
 */
public final class IngressServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(IngressServlet.class);
  private static final Set<String> DROPPED_HEADERS = Set.of("cookie", "authorization");

  private final SyncEngine engine;
  private final int maxBytes;

  public IngressServlet(SyncEngine engine, int maxBytes) {
    this.engine = engine;
    this.maxBytes = maxBytes;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SecurityHeadersFilter.apply(req, resp);
    try {
      if (!"POST".equals(req.getMethod())) {
        throw new ApiException(405, "method_not_allowed", "use POST").header("Allow", "POST");
      }
      String[] path = segments(req.getPathInfo());
      if (path == null) {
        throw ApiException.notFound("no such endpoint");
      }
      String connectionId = path[0];
      if (!connectionId.matches("[A-Za-z0-9_-]{1,64}")) {
        throw ApiException.notFound("unknown connection");
      }
      if (!Http.isJson(req.getContentType())) {
        throw new ApiException(
            415, "unsupported_media_type", "the body must be application/json in UTF-8");
      }
      byte[] body = Http.readBody(req, maxBytes);
      JsonCheck.check(body);
      IngestRequest request = request(req, body, path);
      // {token}/target: a delivery from the target of a two-way connection (TwoWay.URL_SUFFIX)
      IngestResult result =
          path.length == 3
              ? engine.twoWay().ingest(connectionId, request)
              : engine.ingest(connectionId, request);
      answer(resp, connectionId, result);
    } catch (ApiException e) {
      Http.writeError(resp, e);
    } catch (RuntimeException e) {
      // Whatever failed, nothing was acknowledged: the sender retries later.
      log.error("webhook ingress failed: {}", e.toString());
      Http.writeError(
          resp,
          new ApiException(503, "unavailable", "try again later")
              .header(
                  "Retry-After",
                  String.valueOf(SyncEngine.DEFAULT_UNAVAILABLE_RETRY_AFTER.toSeconds())));
    }
  }

  private static String[] segments(String pathInfo) {
    if (pathInfo == null || pathInfo.length() < 2) {
      return null;
    }
    String[] parts = pathInfo.substring(1).split("/", -1);
    if (parts.length > 3 || (parts.length == 3 && !("/" + parts[2]).equals(TwoWay.URL_SUFFIX))) {
      return null;
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        return null;
      }
    }
    return parts;
  }

  private static IngestRequest request(HttpServletRequest req, byte[] body, String[] path) {
    IngestRequest.Builder b =
        IngestRequest.builder(body)
            .contentType(req.getContentType())
            .remoteAddress(req.getRemoteAddr())
            .pathToken(path.length >= 2 ? path[1] : null);
    for (String name : Collections.list(req.getHeaderNames())) {
      if (DROPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : Collections.list(req.getHeaders(name))) {
        b.header(name, v);
      }
    }
    return b.build();
  }

  private void answer(HttpServletResponse resp, String connectionId, IngestResult result)
      throws IOException {
    if (result instanceof IngestResult.Accepted a) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      ArrayNode events = out.putArray("events");
      int duplicates = 0;
      for (IngestResult.AcceptedEvent e : a.events()) {
        ObjectNode o = events.addObject();
        o.put("eventId", e.eventId());
        o.put("jobId", e.jobId());
        o.put("duplicate", e.duplicate());
        duplicates += e.duplicate() ? 1 : 0;
      }
      out.put("accepted", a.events().size() - duplicates);
      out.put("duplicates", duplicates);
      // A pure redelivery gets 200: it changed nothing, and any 2xx stops the sender retrying.
      Http.writeJson(resp, a.allDuplicates() ? 200 : 202, out);
    } else if (result instanceof IngestResult.NotFound) {
      throw ApiException.notFound("unknown connection");
    } else if (result instanceof IngestResult.Unauthorized) {
      // The engine logged it (WARN, rate-limited per connection and reason) and counted it.
      throw new ApiException(401, "unauthorized", "unauthorized");
    } else if (result instanceof IngestResult.Rejected r) {
      throw new ApiException(
          400,
          "malformed_body",
          r.message(),
          r.field() == null
              ? java.util.List.of()
              : java.util.List.of(new ApiException.Detail(r.field(), r.message())));
    } else if (result instanceof IngestResult.Unavailable u) {
      throw new ApiException(503, "unavailable", "storage is unavailable, retry later")
          .header("Retry-After", String.valueOf(Math.max(1, u.retryAfter().toSeconds())));
    }
  }
}
