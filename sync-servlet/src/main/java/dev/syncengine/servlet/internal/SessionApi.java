package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /session}: log in (password → session cookie + CSRF token), who am I, log out. Throttles
 * failed logins per remote address. Thread-safe.
 */
public final class SessionApi {
  private static final Logger log = LoggerFactory.getLogger(SessionApi.class);
  static final int MAX_PASSWORD_CHARS = 1024;

  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Pbkdf2.Encoded passwordHash;
  private final String cookieName;
  private final boolean secureCookie;

  /**
   * @param passwordHash the admin password, or null when the admin API is disabled
   */
  public SessionApi(
      Sessions sessions,
      LoginThrottle throttle,
      Pbkdf2.Encoded passwordHash,
      String cookieName,
      boolean secureCookie) {
    this.sessions = sessions;
    this.throttle = throttle;
    this.passwordHash = passwordHash;
    this.cookieName = cookieName;
    this.secureCookie = secureCookie;
  }

  public void register(Router r) {
    r.addOpen("POST", "/session", this::login);
    r.addOpen("GET", "/session", this::whoami);
    r.add("DELETE", "/session", this::logout);
  }

  private Reply login(Call call) {
    String address = call.request().getRemoteAddr();
    Optional<Duration> wait = throttle.blocked(address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
      throw new ApiException(429, "too_many_attempts", "too many failed logins, try again later")
          .header("Retry-After", String.valueOf(seconds));
    }
    JsonNode pw = call.object().get("password");
    if (pw == null || !pw.isTextual() || pw.asText().isEmpty()) {
      throw ApiException.invalid("password", "required");
    }
    String given = pw.asText();
    boolean ok =
        passwordHash != null
            && given.length() <= MAX_PASSWORD_CHARS
            && passwordHash.matches(given.toCharArray());
    if (!ok) {
      throttle.failed(address);
      log.info("admin login failed from {}", address);
      throw new ApiException(401, "invalid_credentials", "wrong password");
    }
    throttle.succeeded(address);
    // A new id on every login: a session id planted before login is worthless.
    sessions.remove(currentId(call.request()));
    Sessions.Session s = sessions.create();
    setCookie(call.request(), call.response(), s.id(), false);
    log.info("admin signed in from {}", address);
    return Reply.ok(state(s));
  }

  private Reply whoami(Call call) {
    if (call.session() == null) {
      throw new ApiException(401, "unauthenticated", "sign in first");
    }
    return Reply.ok(state(call.session()));
  }

  private Reply logout(Call call) {
    sessions.remove(call.session().id());
    setCookie(call.request(), call.response(), "", true);
    return Reply.noContent();
  }

  private ObjectNode state(Sessions.Session s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("authenticated", true);
    o.put("csrfToken", s.csrfToken());
    o.put("idleTimeoutSeconds", sessions.idleTimeout().toSeconds());
    return o;
  }

  private String currentId(HttpServletRequest req) {
    Cookie[] cookies = req.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(cookieName)) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  private void setCookie(
      HttpServletRequest req, HttpServletResponse resp, String value, boolean clear) {
    String path = req.getContextPath() + req.getServletPath();
    StringBuilder c = new StringBuilder();
    c.append(cookieName).append('=').append(value);
    c.append("; Path=").append(path.isEmpty() ? "/" : path);
    c.append("; HttpOnly; SameSite=Strict");
    if (secureCookie) {
      c.append("; Secure");
    }
    if (clear) {
      c.append("; Max-Age=0");
    }
    resp.addHeader("Set-Cookie", c.toString());
  }
}
