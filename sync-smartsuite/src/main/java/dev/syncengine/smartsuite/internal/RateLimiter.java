package dev.syncengine.smartsuite.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code limit} requests in any window of {@code window}, measured conservatively: a
 * request occupies the window from its start until {@code window} after its response arrived, so
 * the server can never see more than {@code limit} in any window even when requests are delayed in
 * transit. After {@link #penalize} nothing passes until the penalty ends. Thread-safe.
 *
 * <p>Spread, not bursts: once {@code limit / 2} requests are in the window, the next starts no
 * sooner than {@code window / limit} after the previous one. A window spent in one burst would make
 * whatever comes next wait for most of a window (a change pinged just after five quick pulls would
 * wait a second); evenly spaced, the same budget gives every caller a slot within {@code window /
 * limit}. An idle limiter still lets a few requests through at once (a pull and its fetch).
 */
public final class RateLimiter {
  private final int limit;
  private final long windowNanos;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Permit> permits = new ArrayDeque<>();
  private long blockedUntil = Long.MIN_VALUE;
  private boolean blocked;
  private final long spacingNanos;
  private final int burst;
  private long lastGrant;

  public RateLimiter(int limit, Duration window) {
    this(limit, window, Ticker.SYSTEM);
  }

  /** A limiter on {@code ticker}'s time (tests pass a virtual one). */
  public RateLimiter(int limit, Duration window, Ticker ticker) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
    this.spacingNanos = windowNanos / limit;
    this.burst = Math.max(1, limit / 2);
  }

  /** Thrown when a permit is not available within the allowed wait. */
  public static final class WaitTooLong extends Exception {
    private final Duration retryAfter;

    WaitTooLong(Duration retryAfter) {
      super("rate limited", null, false, false);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * Waits for a permit. Call {@link Permit#release()} when the response has arrived.
   *
   * @throws WaitTooLong when the permit would come later than {@code maxWait} from now
   * @throws InterruptedException when interrupted while waiting
   */
  public Permit acquire(Duration maxWait) throws WaitTooLong, InterruptedException {
    long deadline = ticker.nanoTime() + maxWait.toNanos();
    long realDeadline = System.nanoTime() + maxWait.toNanos();
    lock.lock();
    try {
      while (true) {
        long now = ticker.nanoTime();
        long readyAt = readyAt(now);
        if (readyAt <= now) {
          Permit p = new Permit();
          permits.addLast(p);
          lastGrant = now;
          return p;
        }
        boolean untilRelease = readyAt == Long.MAX_VALUE;
        if (!untilRelease && readyAt - deadline > 0) {
          throw new WaitTooLong(Duration.ofNanos(readyAt - now));
        }
        // untilRelease: every permit in the window is still running; a release will signal.
        long wait = untilRelease ? deadline - now : readyAt - now;
        if (wait <= 0) {
          throw new WaitTooLong(Duration.ofNanos(windowNanos));
        }
        if (untilRelease) {
          // Another thread's response frees a permit: that comes in real time, whatever the
          // ticker, so this wait is bounded in real time too.
          long left = realDeadline - System.nanoTime();
          if (left <= 0) {
            throw new WaitTooLong(Duration.ofNanos(windowNanos));
          }
          changed.awaitNanos(Math.min(wait, left));
        } else {
          ticker.awaitNanos(changed, wait);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Blocks every acquire for {@code penalty} from now (after a 429). */
  public void penalize(Duration penalty) {
    lock.lock();
    try {
      long until = ticker.nanoTime() + penalty.toNanos();
      if (!blocked || until - blockedUntil > 0) {
        blockedUntil = until;
        blocked = true;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How long the current penalty still lasts, or zero. */
  public Duration penaltyRemaining() {
    lock.lock();
    try {
      long left = blocked ? blockedUntil - ticker.nanoTime() : 0;
      return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    } finally {
      lock.unlock();
    }
  }

  /** When the next permit may be granted; Long.MAX_VALUE when only a release can free one. */
  private long readyAt(long now) {
    long ready = now;
    if (blocked && blockedUntil - now > 0) {
      ready = blockedUntil;
    }
    Iterator<Permit> it = permits.iterator();
    while (it.hasNext()) {
      Permit p = it.next();
      if (p.releasedAt != null && p.releasedAt + windowNanos - now <= 0) {
        it.remove();
      }
    }
    if (permits.size() >= burst && lastGrant + spacingNanos - ready > 0) {
      ready = lastGrant + spacingNanos;
    }
    if (permits.size() < limit) {
      return ready;
    }
    // The window frees up when the earliest-ending of the surplus permits expires.
    long earliest = Long.MAX_VALUE;
    for (Permit p : permits) {
      if (p.releasedAt != null) {
        earliest = Math.min(earliest, p.releasedAt + windowNanos);
      }
    }
    return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(ready, earliest);
  }

  /** One granted request; release it when its response has arrived (or it failed). */
  public final class Permit {
    private Long releasedAt;

    private Permit() {}

    public void release() {
      lock.lock();
      try {
        if (releasedAt == null) {
          releasedAt = ticker.nanoTime();
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
