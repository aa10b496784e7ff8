package dev.syncengine.servlet.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches {@code METHOD /path/{param}} patterns. Routes are added at start-up and only read
 * afterwards, so matching is thread-safe.
 */
public final class Router {
  /** What a route does. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call) throws Exception;
  }

  private record Route(String method, String[] segments, Handler handler, boolean open) {}

  /**
   * A match.
   *
   * @param handler the handler
   * @param params path parameters
   * @param open whether it works without a session
   */
  public record Match(Handler handler, Map<String, String> params, boolean open) {}

  private final List<Route> routes = new ArrayList<>();

  /** A route that needs a signed-in session. */
  public Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler, false));
    return this;
  }

  /** A route that works without a session (login, who-am-I). */
  public Router addOpen(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler, true));
    return this;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  /** The route for the method and path, or null. */
  public Match match(String method, String path) {
    String[] segs = split(path == null ? "/" : path);
    for (Route r : routes) {
      if (!r.method.equals(method)) {
        continue;
      }
      Map<String, String> params = params(r, segs);
      if (params != null) {
        return new Match(r.handler, params, r.open);
      }
    }
    return null;
  }

  /** The methods that match the path (for 405 and Allow). */
  public Set<String> methods(String path) {
    String[] segs = split(path == null ? "/" : path);
    Set<String> out = new LinkedHashSet<>();
    for (Route r : routes) {
      if (params(r, segs) != null) {
        out.add(r.method);
      }
    }
    return out;
  }

  private static Map<String, String> params(Route r, String[] segs) {
    if (r.segments.length != segs.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segs.length; i++) {
      String p = r.segments[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (segs[i].isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), segs[i]);
      } else if (!p.equals(segs[i])) {
        return null;
      }
    }
    return params;
  }
}
