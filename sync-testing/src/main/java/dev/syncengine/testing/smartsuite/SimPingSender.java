package dev.syncengine.testing.smartsuite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers pings asynchronously: each ping as {@code copies} POSTs, each held back a random delay,
 * so duplicates and reordering happen as they do with SmartSuite. Thread-safe.
 */
final class SimPingSender implements AutoCloseable {
  private static final int MAX_ATTEMPTS = 4;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "smartsuite-sim-ping");
            t.setDaemon(true);
            return t;
          });
  private final SimWebhookDelivery delivery;
  private final Random random;
  private final Object idle = new Object();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  SimPingSender(SimWebhookDelivery delivery) {
    this.delivery = delivery;
    this.random = new Random(delivery.seed());
  }

  void send(String url, String body) {
    for (int i = 0; i < delivery.copies(); i++) {
      long delayMs;
      synchronized (random) {
        long max = delivery.maxDelay().toMillis();
        delayMs = max == 0 ? 0 : (long) (random.nextDouble() * (max + 1));
      }
      inFlight.incrementAndGet();
      scheduler.schedule(() -> post(url, body, 1), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  /** Like SmartSuite, retries a failed delivery (here: a few times, quickly). */
  private void post(String url, String body, int attempt) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
              } else if (attempt < MAX_ATTEMPTS) {
                scheduler.schedule(
                    () -> post(url, body, attempt + 1), 50L * attempt, TimeUnit.MILLISECONDS);
                return;
              } else {
                failed.incrementAndGet();
              }
              if (inFlight.decrementAndGet() == 0) {
                synchronized (idle) {
                  idle.notifyAll();
                }
              }
            });
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
