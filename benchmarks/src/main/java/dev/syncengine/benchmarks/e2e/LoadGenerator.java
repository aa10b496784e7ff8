package dev.syncengine.benchmarks.e2e;

import dev.syncengine.core.signing.StandardWebhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a workload's deliveries to the ingress over loopback from {@code concurrency} threads, each
 * signing its delivery (Standard Webhooks) just before sending it, optionally paced to a rate.
 * Records every acknowledgement's status and latency (send to response).
 */
public final class LoadGenerator {
  /** What a run measured. */
  public record Result(
      int sent, int accepted, int duplicates, int failed, long elapsedNanos, long[] latencies) {
    public double perSecond() {
      return accepted * 1e9 / elapsedNanos;
    }

    /** Latency percentile in milliseconds over acknowledged deliveries. */
    public double percentileMs(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
    }
  }

  private final URI uri;
  private final int concurrency;
  private final double sendRate;
  private final StandardWebhooks signer;
  private final HttpClient http;
  private final AtomicInteger retries = new AtomicInteger();

  /**
   * @param sendRate deliveries per second to pace to, or 0 for as fast as acknowledgements come
   */
  public LoadGenerator(URI uri, int concurrency, double sendRate) {
    this.uri = uri;
    this.concurrency = concurrency;
    this.sendRate = sendRate;
    this.signer =
        new StandardWebhooks(
            List.of(BenchSetup.SIGNING_SECRET), Duration.ofMinutes(5), Clock.systemUTC());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public Result run(List<Workload.Delivery> deliveries) throws InterruptedException {
    int n = deliveries.size();
    long[] latency = new long[n];
    int[] status = new int[n];
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      Thread th =
          new Thread(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                  if (sendRate > 0) {
                    long due = start + (long) (i * 1e9 / sendRate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                  }
                  send(deliveries.get(i), i, latency, status);
                }
              },
              "loadgen-" + t);
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    long elapsed = System.nanoTime() - start;
    int accepted = 0;
    int duplicates = 0;
    int failed = 0;
    long[] ok = new long[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (status[i] == 202 || status[i] == 200) {
        accepted++;
        duplicates += status[i] == 200 ? 1 : 0;
        ok[k++] = latency[i];
      } else {
        failed++;
      }
    }
    long[] sorted = Arrays.copyOf(ok, k);
    Arrays.sort(sorted);
    return new Result(n, accepted, duplicates, failed, elapsed, sorted);
  }

  /** Sends one delivery; like a real sender, retries a 5xx or a dropped connection. */
  private void send(Workload.Delivery d, int i, long[] latency, int[] status) {
    for (int attempt = 1; attempt <= 5; attempt++) {
      sendOnce(d, i, latency, status);
      if (status[i] > 0 && status[i] < 500) {
        return;
      }
      retries.incrementAndGet();
      LockSupport.parkNanos(Duration.ofMillis(100L * attempt).toNanos());
    }
  }

  /** Deliveries sent again after a 5xx or a transport error. */
  public int retries() {
    return retries.get();
  }

  private void sendOnce(Workload.Delivery d, int i, long[] latency, int[] status) {
    long ts = System.currentTimeMillis() / 1000;
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .header(StandardWebhooks.ID_HEADER, d.id())
            .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
            .header(StandardWebhooks.SIGNATURE_HEADER, signer.sign(d.id(), ts, d.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
            .build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      latency[i] = System.nanoTime() - t0;
      status[i] = r.statusCode();
    } catch (Exception e) {
      latency[i] = System.nanoTime() - t0;
      status[i] = -1;
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
