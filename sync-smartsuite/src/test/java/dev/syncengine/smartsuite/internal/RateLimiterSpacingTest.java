package dev.syncengine.smartsuite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SmartSuite allows 5 requests per second (smartsuite-api.md, "Rate limits"). The limiter spreads
 * them instead of spending the window in one burst; on virtual time (no sleeping: a zero maxWait
 * reports when the next permit would come).
 */
class RateLimiterSpacingTest {
  private final VirtualTicker ticker = new VirtualTicker();
  private final RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), ticker);

  private RateLimiter.Permit take() throws Exception {
    RateLimiter.Permit p = limiter.acquire(Duration.ZERO);
    advance(10); // the response arrives 10 ms later
    p.release();
    return p;
  }

  private void advance(long millis) {
    ticker.advance(Duration.ofMillis(millis));
  }

  private long millisUntilNext() {
    try {
      limiter.acquire(Duration.ZERO).release();
      return 0;
    } catch (RateLimiter.WaitTooLong e) {
      return e.retryAfter().toMillis();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anIdleLimiterLetsTwoRequestsThroughAtOnceThenSpacesThemAFifthOfASecondApart()
      throws Exception {
    take();
    take();
    assertThat(millisUntilNext()).isEqualTo(190); // 200 ms after the second began, 10 ms ago
    advance(190);
    take();
    assertThat(millisUntilNext()).isEqualTo(190);
  }

  @Test
  void evenlySpacedRequestsStillNeverExceedFiveInAnyWindow() throws Exception {
    take(); // t=0, answered at 10
    take(); // t=10, answered at 20
    for (int i = 0; i < 3; i++) {
      advance(millisUntilNextOrZero());
      take();
    }
    // five requests began within 0.63 s; the sixth waits until the first's window has passed
    long wait = millisUntilNext();
    long sinceFirstAnswer = Duration.ofNanos(ticker.nanoTime() - 1_010_000_000L).toMillis();
    assertThat(wait).isEqualTo(1000 - sinceFirstAnswer);
  }

  @Test
  void aPenaltyStillBlocksEverything() throws Exception {
    take();
    limiter.penalize(Duration.ofSeconds(30));
    assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(1)))
        .isInstanceOf(RateLimiter.WaitTooLong.class);
    advance(30_000);
    take();
  }

  @Test
  void aBlockingAcquireWaitsOnTheTickersTimeForItsSlot() throws Exception {
    take();
    take();
    long before = System.nanoTime();
    limiter.acquire(Duration.ofSeconds(5)).release();
    assertThat(ticker.waited()).isEqualTo(Duration.ofMillis(190));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(150));
  }

  @Test
  void tenRequestsInARowTakeTwoVirtualSecondsAndNeverSixInAWindow() throws Exception {
    java.util.List<Long> starts = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RateLimiter.Permit p = limiter.acquire(Duration.ofSeconds(5));
      starts.add(ticker.nanoTime());
      advance(10);
      p.release();
    }
    for (int i = 5; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 5))
          .as("request %d began a window after request %d's", i, i - 5)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }
    assertThat(ticker.waited()).isPositive();
  }

  private long millisUntilNextOrZero() {
    return Math.max(0, millisUntilNext());
  }
}
