package dev.syncengine.webflow.internal;

import java.time.Duration;

/**
 * Paces one token's requests so that several processes sharing the token, who never talk to each
 * other, keep 429s rare.
 *
 * <p>How: requests start evenly spaced at {@code window / limit}. Webflow's {@code
 * X-RateLimit-Remaining} shows the whole token's spending, ours and everyone else's. Comparing its
 * drop between two responses with the requests we sent in between tells whether someone else spends
 * the same token. When someone does, the spacing grows with the square of {@code (limit/2) /
 * remaining} once remaining falls below half the limit, so the token's combined rate falls faster
 * than the budget and rarely reaches zero before the window resets. Alone, even spacing spends
 * exactly the budget and never faster, so a lone process keeps full speed and only waits a little
 * longer once its own requests have spent the window. Slots nobody was ready for are not caught up
 * later: a burst after a pause is what crosses a fixed window's limit. The one exception is budget
 * the server has confirmed: alone, with the window's end known and its {@code
 * X-RateLimit-Remaining} (less our requests not yet counted) more than even spacing could spend
 * before that end, a request may start at once; so a change that arrives just after a write need
 * not wait a whole spacing while the window has requests to spare, and the window can still never
 * be overspent. {@code X-RateLimit-Limit} replaces the configured limit. A 429 pauses every caller
 * of this limiter for {@code Retry-After}; it counts as sharing unless our own requests since the
 * last answer explain it.
 *
 * <p>Thread-safe: callers reserve start times under a lock and sleep outside it.
 */
public final class AdaptiveRateLimiter {
  private final Ticker ticker;
  private final long windowNanos;
  private int limit;
  private int remaining = -1;
  private long nextFree;
  private long lastSlot;
  private long pausedUntil;
  private int lastRemaining = -1;
  private int sentSinceResponse;
  private int inFlight;
  private int inFlightAtLastResponse;
  private boolean lastDropOurs;

  /**
   * When the current window ends at the latest: the answer to its first request came back {@code
   * window} before. The server counted that request between sending and answering it, so the reset
   * is no later than this; 0 when unknown.
   */
  private long windowEndsBy;

  /** Smoothed evidence (0–1) that other processes spend this token too. */
  private double shared;

  public AdaptiveRateLimiter(int limit, Duration window, Ticker ticker) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
    long now = ticker.nanoTime();
    this.nextFree = now;
    this.lastSlot = now;
    this.pausedUntil = now;
  }

  /** Blocks until this caller may send one request. */
  public void acquire() throws InterruptedException {
    while (true) {
      long wait;
      synchronized (this) {
        long now = ticker.nanoTime();
        long slot = slotFor(now);
        nextFree = slot + intervalNanos();
        lastSlot = slot;
        wait = slot - now;
      }
      if (wait > 0) {
        ticker.sleepNanos(wait);
      }
      synchronized (this) {
        // A 429 seen by another caller while we slept moves everyone behind the pause, and answers
        // that came in meanwhile may show the window spent: then reserve again.
        long now = ticker.nanoTime();
        if (now - pausedUntil >= 0 && !waitForReset(now)) {
          sentSinceResponse++;
          inFlight++;
          return;
        }
      }
    }
  }

  /**
   * How long a request asked for now would wait before it may start (0 when a slot is free). Reads
   * the same reservation state as {@link #acquire()} without reserving, so a caller can gather work
   * until the slot opens instead of queueing behind it.
   */
  public synchronized long nanosUntilFree() {
    long now = ticker.nanoTime();
    return Math.max(0, slotFor(now) - now);
  }

  /** When a request asked for at {@code now} may start. */
  private long slotFor(long now) {
    long slot = Math.max(now, Math.max(nextFree, pausedUntil));
    if (waitForReset(slot)) {
      // alone with the window spent by our own requests: the next one waits for the reset
      return windowEndsBy;
    }
    if (slot - now > 0 && now - pausedUntil >= 0 && spareBudget(now)) {
      return now;
    }
    return slot;
  }

  /**
   * Whether the current window has confirmed budget beyond what even spacing would spend before it
   * ends (alone only: another process may be about to spend it).
   */
  private boolean spareBudget(long now) {
    int left = left();
    if (!alone() || left < 0 || windowEndsBy == 0 || windowEndsBy - now <= 0) {
      return false;
    }
    long evenUntilEnd = (windowEndsBy - now) / Math.max(1, windowNanos / limit) + 1;
    return left > evenUntilEnd + 1;
  }

  /** Feeds the rate-limit headers of any response; a negative value means the header was absent. */
  public synchronized void onResponse(int limitHeader, int remainingHeader) {
    if (limitHeader > 0) {
      limit = limitHeader;
    }
    inFlight = Math.max(0, inFlight - 1);
    lastDropOurs = false;
    if (remainingHeader >= 0) {
      if (lastRemaining >= 0 && remainingHeader <= lastRemaining) {
        // At most the requests in flight at the last response plus those sent since can be ours
        // in this drop; anything beyond that is someone else's.
        int ours = inFlightAtLastResponse + sentSinceResponse;
        int foreign = (lastRemaining - remainingHeader) - ours;
        shared = 0.7 * shared + (foreign > 0 ? 0.3 : 0.0);
        lastDropOurs = foreign <= 0;
      }
      if (remainingHeader == limit - 1) {
        windowEndsBy = ticker.nanoTime() + windowNanos;
      }
      lastRemaining = remainingHeader;
      sentSinceResponse = 0;
      inFlightAtLastResponse = inFlight;
      remaining = remainingHeader;
      // A fresh window (remaining went up) must not leave callers behind a long stale spacing.
      nextFree = Math.min(nextFree, lastSlot + intervalNanos());
    }
  }

  /** A request that got no answer (transport error): it no longer counts as in flight. */
  public synchronized void onNoResponse() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /**
   * A 429 (after {@link #onResponse} for the same answer): pause every caller for {@code
   * retryAfter}. Unless the budget's fall since the previous answer is all our own requests (we ran
   * the window dry ourselves, say when the server counts it from a slightly different start), it is
   * evidence that someone else spends the token.
   */
  public synchronized void onRateLimited(Duration retryAfter) {
    long until = ticker.nanoTime() + retryAfter.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
    remaining = 0;
    if (!lastDropOurs) {
      shared = 1.0;
    }
  }

  /** The spacing the next request gets now; visible for tests. */
  public synchronized long intervalNanos() {
    long base = windowNanos / limit;
    if (remaining < 0) {
      return base;
    }
    int left = left();
    if (alone()) {
      // Alone, even spacing spends exactly the budget: the window's last request is followed by
      // the next window's first. A window we have spent ourselves waits for its reset (acquire),
      // or one slot more when we never saw where it began.
      return left > 0 || windowEndsBy != 0 ? base : 2 * base;
    }
    double threshold = limit / 2.0;
    if (left >= threshold) {
      return base;
    }
    double ratio = threshold / Math.max(left, 0.5);
    return (long) Math.min(base * ratio * ratio, windowNanos / 4.0);
  }

  /** Alone with the window spent by our own requests, whether a request at {@code t} must wait. */
  private boolean waitForReset(long t) {
    return alone() && left() == 0 && windowEndsBy != 0 && windowEndsBy - t > 0;
  }

  /** Whether nothing suggests that another process spends this token. */
  private boolean alone() {
    return shared <= 0.05;
  }

  /**
   * What the window has left at worst: the last answer's count less our requests sent since and
   * those that were in flight when it was made (the server may not have counted them yet); -1 when
   * unknown.
   */
  private int left() {
    return remaining < 0 ? -1 : Math.max(0, remaining - sentSinceResponse - inFlightAtLastResponse);
  }

  public synchronized int limit() {
    return limit;
  }
}
