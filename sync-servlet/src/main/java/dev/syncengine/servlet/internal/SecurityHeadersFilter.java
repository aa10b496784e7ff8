package dev.syncengine.servlet.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets the security headers on every response under the base path, before the servlet runs (so
 * errors carry them too). Thread-safe.
 */
public final class SecurityHeadersFilter extends HttpFilter {
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    apply(req, resp);
    chain.doFilter(req, resp);
  }

  /** Sets the headers; servlets call this too, so they hold when mounted without the filter. */
  public static void apply(HttpServletRequest req, HttpServletResponse resp) {
    resp.setHeader("Content-Security-Policy", CSP);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    resp.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    resp.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (req.isSecure()) {
      resp.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
