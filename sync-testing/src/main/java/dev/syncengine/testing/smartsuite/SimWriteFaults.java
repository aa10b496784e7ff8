package dev.syncengine.testing.smartsuite;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Faults on the simulator's record writes, for tests of what a client does when SmartSuite fails
 * mid-write. Obtained from {@link SmartSuiteSimulator#writeFaults()}.
 *
 * <pre>{@code
 * sim.writeFaults().fail(503, 2);                                 // the next 2 writes: 503
 * sim.writeFaults().fail(429, 1, SimWrite.DELETE);                // the next delete: 429
 * sim.writeFaults().lose(LostAnswer.TIMEOUT, 1, SimWrite.BULK_UPDATE); // applied, answer held
 * }</pre>
 *
 * <p>A fault acts on the next matching writes (no kind named: every kind) that passed the key and
 * rate checks, so a faulted request counts against the rate gate like any other. Faults are tried
 * in the order added; the first with uses left acts. Reads are never hit: for slow reads and writes
 * alike use {@link SmartSuiteSimulator.Builder#latency}, for the rate limit {@link
 * SmartSuiteSimulator.Builder#requestsPerSecond}. Thread-safe.
 */
public final class SimWriteFaults {
  private final List<Fault> faults = new ArrayList<>();

  SimWriteFaults() {}

  /**
   * The next {@code times} matching writes are answered {@code status} with {@code {"message":
   * ...}} and change nothing: no record, no event, no ping. A 429 is answered as the rate gate
   * answers it, without starting the gate's penalty (the client holds itself back on a 429), and
   * counts in {@link SmartSuiteSimulator#rateLimitedCount()}.
   *
   * @param status 400 to 599 (e.g. 500, 503, 408, 429; 404 or 422 to refuse a write)
   * @param on the kinds of write to fail; none given: every kind
   * @throws IllegalArgumentException when {@code status} is not 400-599 or {@code times} < 1
   */
  public SimWriteFaults fail(int status, int times, SimWrite... on) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400-599: " + status);
    }
    add(new Fault(status, null, times, on));
    return this;
  }

  /**
   * The next {@code times} matching writes are applied as usual (records stored, events recorded,
   * webhooks pinged), then their answer is lost {@code how}: what a client sees when the network or
   * a gateway fails after SmartSuite did the work.
   *
   * @param on the kinds of write whose answer is lost; none given: every kind
   * @throws IllegalArgumentException when {@code times} < 1
   */
  public SimWriteFaults lose(SmartSuiteSimulator.LostAnswer how, int times, SimWrite... on) {
    add(new Fault(0, Objects.requireNonNull(how, "how"), times, on));
    return this;
  }

  /** Forgets every fault not used up yet. */
  public synchronized void clear() {
    faults.clear();
  }

  /** The status to fail a write of {@code kind} with before it is applied, or 0. */
  synchronized int takeFailure(SimWrite kind) {
    Fault f = take(kind, false);
    return f == null ? 0 : f.status;
  }

  /** How to lose the answer of a write of {@code kind} that was applied, or null. */
  synchronized SmartSuiteSimulator.LostAnswer takeLostAnswer(SimWrite kind) {
    Fault f = take(kind, true);
    return f == null ? null : f.lost;
  }

  private synchronized void add(Fault f) {
    faults.add(f);
  }

  private Fault take(SimWrite kind, boolean lost) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if ((f.lost != null) == lost && f.on.contains(kind)) {
        if (--f.left == 0) {
          it.remove();
        }
        return f;
      }
    }
    return null;
  }

  private static final class Fault {
    final int status;
    final SmartSuiteSimulator.LostAnswer lost;
    final Set<SimWrite> on;
    int left;

    Fault(int status, SmartSuiteSimulator.LostAnswer lost, int times, SimWrite[] on) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1: " + times);
      }
      this.status = status;
      this.lost = lost;
      this.left = times;
      this.on = on.length == 0 ? EnumSet.allOf(SimWrite.class) : EnumSet.of(on[0], on);
    }
  }
}
