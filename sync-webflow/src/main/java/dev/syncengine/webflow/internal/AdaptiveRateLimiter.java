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
 * than the budget and rarely reaches zero before the window resets. Alone, the slowdown starts only
 * in the last tenth of the budget, so a lone process gets nearly all of it. {@code
 * X-RateLimit-Limit} replaces the configured limit. A 429 pauses every caller of this limiter for
 * {@code Retry-After} and counts as sharing.
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
  private long missed;
  private int inFlightAtLastResponse;

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
        long interval = intervalNanos();
        // Alone, slots nobody was ready for are remembered (at most two) and may be caught up
        // later: the budget is spent in full and never faster than the limit on average. Shared,
        // nothing is caught up: bursts from several processes are what runs a token dry.
        boolean alone = shared <= 0.05 && (remaining < 0 || remaining >= limit / 10.0);
        if (now - nextFree > 0) {
          missed = alone ? Math.min(2, missed + (now - nextFree) / interval) : 0;
          nextFree = now;
        }
        long slot;
        if (alone && missed > 0 && nextFree - now > 0 && pausedUntil - now <= 0) {
          missed--;
          slot = now;
        } else {
          slot = Math.max(now, Math.max(nextFree, pausedUntil));
          nextFree = slot + interval;
        }
        lastSlot = slot;
        wait = slot - now;
      }
      if (wait > 0) {
        ticker.sleepNanos(wait);
      }
      synchronized (this) {
        // A 429 seen by another caller while we slept moves everyone behind the pause.
        if (ticker.nanoTime() - pausedUntil >= 0) {
          sentSinceResponse++;
          inFlight++;
          return;
        }
      }
    }
  }

  /** Feeds the rate-limit headers of any response; a negative value means the header was absent. */
  public synchronized void onResponse(int limitHeader, int remainingHeader) {
    if (limitHeader > 0) {
      limit = limitHeader;
    }
    inFlight = Math.max(0, inFlight - 1);
    if (remainingHeader >= 0) {
      if (lastRemaining >= 0 && remainingHeader <= lastRemaining) {
        // At most the requests in flight at the last response plus those sent since can be ours
        // in this drop; anything beyond that is someone else's.
        int ours = inFlightAtLastResponse + sentSinceResponse;
        int foreign = (lastRemaining - remainingHeader) - ours;
        shared = 0.7 * shared + (foreign > 0 ? 0.3 : 0.0);
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

  /** A 429: pause every caller for {@code retryAfter}. */
  public synchronized void onRateLimited(Duration retryAfter) {
    long until = ticker.nanoTime() + retryAfter.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
    remaining = 0;
    shared = 1.0;
  }

  /** The spacing the next request gets now; visible for tests. */
  public synchronized long intervalNanos() {
    long base = windowNanos / limit;
    // Alone, even spacing spends exactly the budget: slow down only for the last request or two.
    double threshold = shared > 0.05 ? limit / 2.0 : Math.max(2.0, limit / 30.0);
    if (remaining < 0 || remaining >= threshold) {
      return base;
    }
    double ratio = threshold / Math.max(remaining, 0.5);
    return (long) Math.min(base * ratio * ratio, windowNanos / 4.0);
  }

  public synchronized int limit() {
    return limit;
  }
}
