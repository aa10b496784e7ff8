package dev.syncengine.servlet.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the dashboard's static files from the classpath folder {@value #ROOT}: content types,
 * ETags, long caching for fingerprinted names, {@code no-cache} (revalidate by ETag) for {@code
 * index.html}, scripts and styles, and {@code index.html} for extension-less paths (client-side
 * routes). Thread-safe.
 */
public final class DashboardServlet extends HttpServlet {
  public static final String ROOT = "META-INF/resources/syncengine-dashboard/";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html;charset=utf-8"),
          Map.entry("js", "text/javascript;charset=utf-8"),
          Map.entry("mjs", "text/javascript;charset=utf-8"),
          Map.entry("css", "text/css;charset=utf-8"),
          Map.entry("json", "application/json;charset=utf-8"),
          Map.entry("map", "application/json;charset=utf-8"),
          Map.entry("txt", "text/plain;charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"));

  private record Asset(byte[] bytes, String type, String etag) {}

  private final ClassLoader loader;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  public DashboardServlet(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SecurityHeadersFilter.apply(req, resp);
    String method = req.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Http.writeError(
          resp,
          new ApiException(405, "method_not_allowed", "use GET").header("Allow", "GET, HEAD"));
      return;
    }
    String path = req.getPathInfo();
    if (path == null) {
      // Relative asset URLs in index.html need the trailing slash.
      String q = req.getQueryString();
      resp.sendRedirect(req.getRequestURI() + "/" + (q == null ? "" : "?" + q));
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (!safe(name)) {
      Http.writeError(resp, ApiException.notFound("no such file"));
      return;
    }
    Optional<Asset> asset = asset(name);
    if (asset.isEmpty() && !lastSegment(name).contains(".")) {
      name = "index.html";
      asset = asset(name);
    }
    if (asset.isEmpty()) {
      Http.writeError(resp, ApiException.notFound("no such file"));
      return;
    }
    Asset a = asset.get();
    resp.setHeader("ETag", a.etag());
    resp.setHeader("Cache-Control", cacheControl(name));
    String inm = req.getHeader("If-None-Match");
    if (inm != null && (inm.equals(a.etag()) || inm.contains(a.etag()))) {
      resp.setStatus(304);
      return;
    }
    resp.setStatus(200);
    resp.setContentType(a.type());
    resp.setContentLength(a.bytes().length);
    if (method.equals("GET")) {
      Http.writeBody(resp, a.bytes());
    }
  }

  private static String lastSegment(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** Letters, digits, '-', '_', '.' per segment; no empty or dot-leading segment. */
  static boolean safe(String name) {
    if (name.isEmpty() || name.length() > 200) {
      return false;
    }
    for (String seg : name.split("/", -1)) {
      if (seg.isEmpty() || seg.startsWith(".") || !seg.matches("[A-Za-z0-9._-]+")) {
        return false;
      }
    }
    return true;
  }

  static String cacheControl(String name) {
    // name.3f9a2c1b.js style fingerprints never change content: cache for a year.
    if (lastSegment(name).matches(".*[.-][0-9a-fA-F]{8,}\\.[a-z0-9]+")) {
      return "public, max-age=31536000, immutable";
    }
    // The page, its ES modules and its styles must move together: after an upgrade a cached old
    // module next to a new one breaks the dashboard. Revalidating costs a 304 per file.
    if (name.matches(".*\\.(html|js|mjs|css|json|map)")) {
      return "no-cache";
    }
    return "public, max-age=3600";
  }

  private Optional<Asset> asset(String name) {
    return cache.computeIfAbsent(name, this::load);
  }

  private Optional<Asset> load(String name) {
    try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      String type = TYPES.getOrDefault(ext, "application/octet-stream");
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      String etag =
          "\""
              + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
              + "\"";
      return Optional.of(new Asset(bytes, type, etag));
    } catch (IOException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }
}
