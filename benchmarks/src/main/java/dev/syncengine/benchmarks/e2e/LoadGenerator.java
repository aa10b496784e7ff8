package dev.syncengine.benchmarks.e2e;

import dev.syncengine.core.signing.StandardWebhooks;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
                Connection conn = new Connection(uri);
                while ((i = next.getAndIncrement()) < n) {
                  if (sendRate > 0) {
                    long due = start + (long) (i * 1e9 / sendRate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                  }
                  send(conn, deliveries.get(i), i, latency, status);
                }
                conn.close();
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
  private void send(Connection conn, Workload.Delivery d, int i, long[] latency, int[] status) {
    for (int attempt = 1; attempt <= 5; attempt++) {
      sendOnce(conn, d, i, latency, status);
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

  private void sendOnce(Connection conn, Workload.Delivery d, int i, long[] latency, int[] status) {
    long ts = System.currentTimeMillis() / 1000;
    String head =
        "POST "
            + uri.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\nContent-Type: application/json\r\n"
            + StandardWebhooks.ID_HEADER
            + ": "
            + d.id()
            + "\r\n"
            + StandardWebhooks.TIMESTAMP_HEADER
            + ": "
            + ts
            + "\r\n"
            + StandardWebhooks.SIGNATURE_HEADER
            + ": "
            + signer.sign(d.id(), ts, d.body())
            + "\r\nContent-Length: "
            + d.body().length
            + "\r\n\r\n";
    long t0 = System.nanoTime();
    try {
      status[i] = conn.exchange(head.getBytes(StandardCharsets.ISO_8859_1), d.body());
    } catch (IOException e) {
      conn.close();
      status[i] = -1;
    }
    latency[i] = System.nanoTime() - t0;
  }

  /**
   * One persistent HTTP/1.1 connection, as webhook senders keep them: writes a request and reads
   * the response's status and body (by Content-Length or chunked). A lean client, so the generator
   * takes as little of the machine's CPU as it can from the server it measures.
   */
  private static final class Connection {
    private final URI uri;
    private Socket socket;
    private OutputStream out;
    private BufferedInputStream in;

    Connection(URI uri) {
      this.uri = uri;
    }

    int exchange(byte[] head, byte[] body) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      }
      byte[] request = new byte[head.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      out.write(request);
      out.flush();
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
        throw new IOException("bad status line: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean keepAlive = true;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
          case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length > 0) {
        skip(length);
      } else if (length < 0) {
        keepAlive = false; // body runs to the end of the connection
      }
      if (!keepAlive) {
        close();
      }
      return status;
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long k = in.skip(n);
        if (k <= 0) {
          if (in.read() < 0) {
            throw new EOFException();
          }
          k = 1;
        }
        n -= k;
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException();
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        socket = null;
      }
    }
  }
}
