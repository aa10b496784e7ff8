package dev.syncengine.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * An HTTP forwarder on 127.0.0.1 that answers some requests itself with a fault status instead of
 * forwarding them: {@code faultFor} maps the n-th request whose path ends with {@code faultySuffix}
 * (counted from 1) to a status (0 = forward). Counts the faults it answered. Thread-safe.
 */
final class FaultyHttpProxy implements AutoCloseable {
  private static final Set<String> HOP = Set.of("host", "content-length", "connection", "upgrade");
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final String faultySuffix;
  private final IntUnaryOperator faultFor;
  private final AtomicInteger seen = new AtomicInteger();
  final Map<Integer, AtomicInteger> faults = new ConcurrentHashMap<>();

  FaultyHttpProxy(String target, String faultySuffix, IntUnaryOperator faultFor)
      throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.faultySuffix = faultySuffix;
    this.faultFor = faultFor;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requestsSeen() {
    return seen.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      if (path.endsWith(faultySuffix)) {
        int status = faultFor.applyAsInt(seen.incrementAndGet());
        if (status != 0) {
          faults.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
          byte[] err = ("{\"error\":\"injected " + status + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, err.length);
          ex.getResponseBody().write(err);
          return;
        }
      }
      String query = ex.getRequestURI().getRawQuery();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
              .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP.contains(name.toLowerCase())) {
                  values.forEach(v -> b.header(name, v));
                }
              });
      HttpResponse<byte[]> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(502, -1);
        return;
      }
      r.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  ex.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      byte[] out = r.body();
      ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        ex.getResponseBody().write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
