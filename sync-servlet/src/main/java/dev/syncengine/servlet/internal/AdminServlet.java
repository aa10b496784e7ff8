package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.InvalidOptionException;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.SyncException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin JSON API under {@code /admin/api}: session check, CSRF check on every mutation, bounded
 * JSON bodies, routing, and the error format. Thread-safe.
 */
public final class AdminServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(AdminServlet.class);
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final Router router;
  private final Sessions sessions;
  private final String cookieName;
  private final int maxBodyBytes;

  public AdminServlet(Router router, Sessions sessions, String cookieName, int maxBodyBytes) {
    this.router = router;
    this.sessions = sessions;
    this.cookieName = cookieName;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads what is left of a refused request's body (up to the body limit) so that a client still
   * sending it gets the answer; refusing without reading lets the server close the connection under
   * the client's feet, which it sees as a broken pipe instead of the 401 or 403.
   */
  private void discardBody(HttpServletRequest req) {
    try {
      java.io.InputStream in = req.getInputStream();
      byte[] buf = new byte[8192];
      long left = maxBodyBytes;
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // already read, or the client went away: nothing left to do
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SecurityHeadersFilter.apply(req, resp);
    String method = req.getMethod();
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    try {
      Sessions.Session session = sessions.find(sessionId(req)).orElse(null);
      Router.Match match = router.match(method, path);
      if (match == null || !match.open()) {
        if (session == null) {
          throw new ApiException(401, "unauthenticated", "sign in first");
        }
        if (match == null) {
          Set<String> allowed = router.methods(path);
          if (allowed.isEmpty()) {
            throw ApiException.notFound("no such endpoint");
          }
          throw new ApiException(405, "method_not_allowed", "method not allowed here")
              .header("Allow", String.join(", ", allowed));
        }
        if (MUTATING.contains(method)
            && !Tokens.equal(req.getHeader(CSRF_HEADER), session.csrfToken())) {
          throw new ApiException(403, "csrf_failed", "missing or wrong " + CSRF_HEADER + " header");
        }
      }
      JsonNode body = MUTATING.contains(method) ? body(req) : null;
      Reply reply = match.handler().handle(new Call(req, resp, match.params(), body, session));
      reply.headers().forEach(resp::setHeader);
      if (reply.body() == null) {
        resp.setStatus(reply.status());
        resp.setHeader("Cache-Control", "no-store");
      } else {
        Http.writeJson(resp, reply.status(), reply.body());
      }
    } catch (ApiException e) {
      discardBody(req);
      Http.writeError(resp, e);
    } catch (MissingCredentialException e) {
      Http.writeError(resp, notConfigured(e.credential()));
    } catch (InvalidOptionException e) {
      // The body was well-formed; the engine does not accept one option's value (two-way options).
      Http.writeError(
          resp,
          new ApiException(
              422,
              "invalid_option",
              e.getMessage(),
              List.of(
                  new ApiException.Detail("options." + e.option(), "must be " + e.accepted()))));
    } catch (SyncException e) {
      if (MissingCredentialException.ERROR_CODE.equals(e.error().code())
          && e.error().field() != null) {
        Http.writeError(resp, notConfigured(e.error().field()));
        return;
      }
      // Adapter errors are written to be shown (never a secret).
      log.warn(
          "admin {} {}: upstream error ({}): {}",
          method,
          path,
          e.error().code(),
          e.error().message());
      Http.writeError(
          resp,
          new ApiException(
              502,
              "upstream_error",
              e.error().message(),
              e.error().field() == null
                  ? List.of()
                  : List.of(new ApiException.Detail(e.error().field(), e.error().message()))));
    } catch (StoreUnavailableException e) {
      log.warn("admin {} {}: store unavailable: {}", method, path, e.toString());
      Http.writeError(
          resp,
          new ApiException(503, "unavailable", "storage is unavailable")
              .header("Retry-After", "5"));
    } catch (Exception e) {
      if (sealedValueUnreadable(e)) {
        // A configuration problem, not a bug: a key that sealed these credentials is missing.
        log.error(
            "admin {} {}: stored credentials cannot be opened: {}", method, path, e.toString());
        Http.writeError(
            resp,
            new ApiException(
                500,
                "credentials_unreadable",
                "stored credentials cannot be decrypted: check that every key in"
                    + " sync.encryption.keys that ever sealed them is still configured"));
        return;
      }
      String ref = Tokens.random(6);
      log.error("admin {} {} failed (ref {})", method, path, ref, e);
      Http.writeError(
          resp, new ApiException(500, "internal_error", "unexpected error, reference " + ref));
    }
  }

  /** The connection is incomplete, not the request: say which credential to set. */
  private static ApiException notConfigured(String credential) {
    return new ApiException(
        409,
        "not_configured",
        "the connection has no credential '"
            + credential
            + "': set it with PATCH /connections/{id}",
        List.of(
            new ApiException.Detail(
                "credentials." + credential, "required by this connection's adapter")));
  }

  private static boolean sealedValueUnreadable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof dev.syncengine.core.crypto.SecretBoxException) {
        return true;
      }
    }
    return false;
  }

  private String sessionId(HttpServletRequest req) {
    Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (c.getName().equals(cookieName)) {
        return c.getValue();
      }
    }
    return null;
  }

  private JsonNode body(HttpServletRequest req) throws IOException {
    String type = req.getContentType();
    if (req.getContentLengthLong() == 0) {
      return null;
    }
    if (type != null && !Http.isJson(type)) {
      throw new ApiException(415, "unsupported_media_type", "send application/json in UTF-8");
    }
    byte[] bytes = Http.readBody(req, maxBodyBytes);
    if (bytes.length == 0) {
      return null;
    }
    if (type == null) {
      throw new ApiException(415, "unsupported_media_type", "send application/json in UTF-8");
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", "the body is not well-formed JSON");
    }
  }
}
