package dev.syncengine.testing.webflow;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something going wrong on purpose. Immutable settings; a rule's remaining {@link #times} count is
 * shared by the requests that match it (thread-safe).
 *
 * <pre>{@code
 * sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).probability(0.1));
 * sim.addFault(Fault.serverError(503).times(2));
 * }</pre>
 */
public final class Fault {
  /** What the fault does. */
  public enum Kind {
    /** Answer with this status and an error body; nothing is applied. */
    SERVER_ERROR,
    /** Wait, then handle the request normally. */
    LATENCY,
    /** Hold the request, then drop the connection; nothing is applied. */
    TIMEOUT,
    /** Apply the request, then drop the connection without an answer. */
    RESPONSE_LOST_AFTER_COMMIT
  }

  private final Kind kind;
  private final int status;
  private final Duration delay;
  private final SimOperation operation;
  private final double probability;
  private final AtomicInteger remaining;

  private Fault(
      Kind kind, int status, Duration delay, SimOperation op, double probability, int times) {
    this.kind = kind;
    this.status = status;
    this.delay = delay;
    this.operation = op;
    this.probability = probability;
    this.remaining = new AtomicInteger(times);
  }

  public static Fault serverError(int status) {
    if (status < 500 && status != 408) {
      throw new IllegalArgumentException("a server error is 408 or 5xx");
    }
    return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO, SimOperation.ANY, 1.0, -1);
  }

  public static Fault latency(Duration delay) {
    return new Fault(Kind.LATENCY, 0, delay, SimOperation.ANY, 1.0, -1);
  }

  public static Fault timeout(Duration hold) {
    return new Fault(Kind.TIMEOUT, 0, hold, SimOperation.ANY, 1.0, -1);
  }

  public static Fault responseLostAfterCommit() {
    return new Fault(Kind.RESPONSE_LOST_AFTER_COMMIT, 0, Duration.ZERO, SimOperation.ANY, 1.0, -1);
  }

  /** Only for this operation (default: any). */
  public Fault on(SimOperation op) {
    return new Fault(kind, status, delay, Objects.requireNonNull(op), probability, remaining.get());
  }

  /** Acts on this share of matching requests, 0–1 (default 1). */
  public Fault probability(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("probability must be 0-1");
    }
    return new Fault(kind, status, delay, operation, p, remaining.get());
  }

  /** Acts at most this many times (default: unlimited). */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be >= 1");
    }
    return new Fault(kind, status, delay, operation, probability, n);
  }

  public Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  Duration delay() {
    return delay;
  }

  boolean matches(SimOperation op) {
    return operation == SimOperation.ANY || operation == op;
  }

  double probability() {
    return probability;
  }

  /** Takes one use; false when used up. */
  boolean take() {
    while (true) {
      int left = remaining.get();
      if (left == 0) {
        return false;
      }
      if (left < 0 || remaining.compareAndSet(left, left - 1)) {
        return true;
      }
    }
  }
}
