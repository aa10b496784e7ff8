package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.RunSummary;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.spi.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /jobs/run} with {@code Authorization: Bearer <secret>}: one bounded worker pass on
 * the request thread, for hosts that drive work from a scheduler. Thread-safe.
 */
public final class TriggerServlet extends HttpServlet {
  static final int DEFAULT_BATCHES = 10;
  static final int MAX_BATCHES = 100;

  private final SyncEngine engine;
  private final byte[] secret;

  /**
   * @param secret the bearer secret, or null to refuse every call
   */
  public TriggerServlet(SyncEngine engine, byte[] secret) {
    this.engine = engine;
    this.secret = secret == null ? null : secret.clone();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SecurityHeadersFilter.apply(req, resp);
    try {
      String path = req.getPathInfo();
      if (path == null || !path.equals("/run")) {
        throw ApiException.notFound("no such endpoint");
      }
      if (!"POST".equals(req.getMethod())) {
        throw new ApiException(405, "method_not_allowed", "use POST").header("Allow", "POST");
      }
      if (!authorized(req.getHeader("Authorization"))) {
        throw new ApiException(401, "unauthorized", "unauthorized")
            .header("WWW-Authenticate", "Bearer");
      }
      int batches = batches(req.getParameter("maxBatches"));
      long started = System.nanoTime();
      RunSummary s = engine.runOnce(batches);
      ObjectNode out = Json.MAPPER.valueToTree(s);
      out.put("durationMs", (System.nanoTime() - started) / 1_000_000);
      Http.writeJson(resp, 200, out);
    } catch (ApiException e) {
      Http.writeError(resp, e);
    } catch (StoreUnavailableException e) {
      Http.writeError(
          resp,
          new ApiException(503, "unavailable", "storage is unavailable")
              .header("Retry-After", "5"));
    }
  }

  private boolean authorized(String header) {
    if (secret == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return Tokens.equal(given, secret);
  }

  private static int batches(String v) {
    if (v == null) {
      return DEFAULT_BATCHES;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_BATCHES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid("maxBatches", "must be an integer 1-" + MAX_BATCHES);
  }
}
