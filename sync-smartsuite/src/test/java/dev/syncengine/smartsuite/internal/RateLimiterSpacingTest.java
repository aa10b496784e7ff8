package dev.syncengine.smartsuite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SmartSuite allows 5 requests per second (smartsuite-api.md, "Rate limits"). The limiter spreads
 * them instead of spending the window in one burst; on virtual time (no sleeping: a zero maxWait
 * reports when the next permit would come).
 */
class RateLimiterSpacingTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), now::get);

  private RateLimiter.Permit take() throws Exception {
    RateLimiter.Permit p = limiter.acquire(Duration.ZERO);
    advance(10); // the response arrives 10 ms later
    p.release();
    return p;
  }

  private void advance(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
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
    long sinceFirstAnswer = Duration.ofNanos(now.get() - 1_010_000_000L).toMillis();
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

  private long millisUntilNextOrZero() {
    return Math.max(0, millisUntilNext());
  }
}
