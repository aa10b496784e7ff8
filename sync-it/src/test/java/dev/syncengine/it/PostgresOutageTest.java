package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.JobState;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.webflow.RateLimiterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2: PostgreSQL goes away for a few seconds (a {@link TcpProxy} between the engine and the
 * database is cut) while webhooks keep arriving over HTTP and workers are writing. Deliveries
 * during the outage must get 503 with Retry-After; the sender retries them as a real sender would;
 * every acknowledged delivery must be synced once the database is back, with no help from the test.
 */
class PostgresOutageTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String CONNECTION = "products";
  private static final String HOOK_TOKEN = "hook-token-outage-0123456789";
  private static final int RECORDS = 150;
  private static final int EVENTS_PER_HOOK = 10;
  private static final Duration OUTAGE = Duration.ofSeconds(4);

  /** One webhook delivery and the events it carries, retried until a 2xx. */
  private record Delivery(byte[] body, List<ObjectNode> events, long dueNanos) {}

  @Test
  void webhooksDuringAnOutageGet503AndEveryAcknowledgedOneIsSyncedAfterRecovery() throws Exception {
    String key = SecretBox.generateKey();
    URI pg = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = TcpProxy.start(pg.getHost(), pg.getPort());
        Webflow wf = new Webflow();
        HikariDataSource ds =
            Wiring.pool(
                "jdbc:postgresql://127.0.0.1:"
                    + proxy.port()
                    + pg.getRawPath()
                    + (pg.getRawQuery() == null ? "" : "?" + pg.getRawQuery()),
                6,
                5);
        InProcess p =
            new InProcess(
                ds, key, Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()), "e1")) {
      p.stores
          .connections()
          .save(
              Wiring.pushConnection(CONNECTION, wf.site, wf.collection, Webflow.TOKEN, HOOK_TOKEN));
      p.stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      SyncServlets servlets =
          SyncServlets.builder(p.engine)
              .security(AdminSecurity.disabled())
              .dashboard(false)
              .build();
      try (JettyHost host = new JettyHost(servlets)) {
        p.engine.start();
        Sender sender = new Sender(host, new Changes(CONNECTION));
        Thread t = new Thread(sender, "webhook-sender");
        t.start();
        try {
          Await.until(Duration.ofSeconds(20), () -> "first acks", () -> sender.acked.get() >= 20);
          Await.until(
              Duration.ofSeconds(20),
              () -> "items in Webflow",
              () -> wf.sim.items(wf.collection).size() > 0);
          long cutAt = System.nanoTime();
          proxy.cut();
          sender.outage = true;
          Await.until(
              Duration.ofSeconds(10),
              () -> "503s during the outage: " + sender.statuses,
              () -> sender.unavailableDuringOutage.get() >= 5);
          long remaining = OUTAGE.toNanos() - (System.nanoTime() - cutAt);
          Thread.sleep(Math.max(0, remaining / 1_000_000)); // the outage's length is the fault
          int ackedBeforeRestore = sender.acked.get();
          proxy.restore();
          long restoredAt = System.nanoTime();
          sender.outage = false;
          Await.until(
              Duration.ofSeconds(20),
              () -> "acks after recovery",
              () -> sender.acked.get() >= ackedBeforeRestore + 20);
          long firstAckAfter = (sender.lastAckNanos - restoredAt) / 1_000_000;
          sender.generating = false;
          Await.until(
              Duration.ofSeconds(30),
              () -> "retried deliveries acknowledged: " + sender.pendingCount(),
              () -> sender.done);
          t.join(5_000);
          InProcess.awaitDrained(p.stores, CONNECTION, Duration.ofSeconds(60));
          long drainedMs = (System.nanoTime() - restoredAt) / 1_000_000;

          System.out.printf(
              "postgres outage: statuses %s, 503 during outage %d, acked deliveries %d,"
                  + " records %d, drained %d ms after restore (last ack +%d ms), %s%n",
              sender.statuses,
              sender.unavailableDuringOutage.get(),
              sender.acked.get(),
              sender.changes.newest.size(),
              drainedMs,
              firstAckAfter,
              wf.sim.stats());
          assertThat(sender.unexpected).as("answers other than 2xx or 503").isEmpty();
          assertThat(sender.missingRetryAfter.get()).as("503s without Retry-After").isZero();
          assertThat(p.stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
          wf.assertExactlyOnceWithNewestData(sender.changes.newest);
          assertThat(wf.sim.stats().itemsCreated()).isEqualTo(sender.changes.newest.size());
        } finally {
          sender.generating = false;
          sender.done = true;
          t.join(5_000);
        }
      }
    }
  }

  /**
   * Sends deliveries of {@value #EVENTS_PER_HOOK} new revisions one after another; a 503 puts the
   * delivery back to be retried after its Retry-After (as senders do), a 2xx marks its events
   * acknowledged.
   */
  private static final class Sender implements Runnable {
    final JettyHost host;
    final Changes changes;
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final AtomicInteger acked = new AtomicInteger();
    final AtomicInteger unavailableDuringOutage = new AtomicInteger();
    final AtomicInteger missingRetryAfter = new AtomicInteger();
    private final Deque<Delivery> retries = new ArrayDeque<>();
    volatile boolean generating = true;
    volatile boolean outage;
    volatile boolean done;
    volatile long lastAckNanos;
    private int next;

    Sender(JettyHost host, Changes changes) {
      this.host = host;
      this.changes = changes;
    }

    synchronized int pendingCount() {
      return retries.size();
    }

    @Override
    public void run() {
      try {
        while (!done) {
          Delivery d = nextDelivery();
          if (d == null) {
            if (!generating && pendingCount() == 0) {
              done = true;
              return;
            }
            Thread.sleep(10); // nothing due yet: the deliverer's idle poll, as a sender retries
            continue;
          }
          send(d);
          Thread.sleep(10); // the deliverer's pace: load generation, not a wait
        }
      } catch (Exception e) {
        unexpected.add(e.toString());
        done = true;
      }
    }

    private Delivery nextDelivery() {
      synchronized (this) {
        Delivery due = retries.peekFirst();
        if (due != null && due.dueNanos() <= System.nanoTime()) {
          return retries.pollFirst();
        }
      }
      if (!generating) {
        return null; // only retries are left, none due yet
      }
      List<ObjectNode> events = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_HOOK; i++) {
        events.add(changes.next(next++ % RECORDS));
      }
      return new Delivery(Changes.body(events).getBytes(StandardCharsets.UTF_8), events, 0);
    }

    private void send(Delivery d) throws Exception {
      boolean duringOutage = outage;
      HttpResponse<String> r =
          host.send(
              "POST",
              "/hooks/" + CONNECTION + "/" + HOOK_TOKEN,
              d.body(),
              "Content-Type",
              "application/json");
      statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
      if (r.statusCode() == 200 || r.statusCode() == 202) {
        d.events().forEach(changes::acknowledged);
        lastAckNanos = System.nanoTime();
        acked.incrementAndGet();
      } else if (r.statusCode() == 503) {
        if (duringOutage) {
          unavailableDuringOutage.incrementAndGet();
        }
        long retryAfter = r.headers().firstValueAsLong("Retry-After").orElse(-1);
        if (retryAfter < 1) {
          missingRetryAfter.incrementAndGet();
          retryAfter = 1;
        }
        synchronized (this) {
          retries.addLast(
              new Delivery(d.body(), d.events(), System.nanoTime() + retryAfter * 1_000_000_000L));
        }
      } else {
        unexpected.add(r.statusCode() + " " + r.body());
      }
    }
  }
}
