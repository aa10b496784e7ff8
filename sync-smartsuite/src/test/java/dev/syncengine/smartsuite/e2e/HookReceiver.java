package dev.syncengine.smartsuite.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The webhook ingress for tests: a JDK HTTP server on 127.0.0.1 that turns {@code POST
 * /hooks/{connectionId}/{token}} into {@link SyncEngine#ingest} on whichever engine it currently
 * routes to, and answers with the status an HTTP layer would (202, 401, 404, 400, 503). Counts the
 * answers. Thread-safe.
 */
final class HookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicReference<SyncEngine> target = new AtomicReference<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

  HookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hooks/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Sends later deliveries to {@code engine} (null: answer 503, as a host that is down would). */
  void routeTo(SyncEngine engine) {
    target.set(engine);
  }

  /** The notification URL of a connection, for {@code SyncEngine.Builder.webhookUrl}. */
  String urlFor(ConnectionConfig c) {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/hooks/"
        + c.id()
        + "/"
        + c.credentials().require(Credentials.WEBHOOK_TOKEN);
  }

  /** How many deliveries were answered with {@code status}. */
  int answered(int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String[] parts = ex.getRequestURI().getPath().split("/");
      int status;
      SyncEngine engine = target.get();
      if (!ex.getRequestMethod().equals("POST")) {
        status = 405;
      } else if (parts.length != 4) {
        status = 404;
      } else if (engine == null) {
        status = 503;
      } else {
        IngestRequest request =
            IngestRequest.builder(body)
                .pathToken(parts[3])
                .contentType(ex.getRequestHeaders().getFirst("Content-Type"))
                .remoteAddress(ex.getRemoteAddress().getAddress().getHostAddress())
                .build();
        status = statusOf(engine.ingest(parts[2], request));
      }
      statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      ex.sendResponseHeaders(status, -1);
    }
  }

  private static int statusOf(IngestResult result) {
    if (result instanceof IngestResult.Accepted) {
      return 202;
    }
    if (result instanceof IngestResult.NotFound) {
      return 404;
    }
    if (result instanceof IngestResult.Unauthorized) {
      return 401;
    }
    if (result instanceof IngestResult.Rejected) {
      return 400;
    }
    return 503;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
