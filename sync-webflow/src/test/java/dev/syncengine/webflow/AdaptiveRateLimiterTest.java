package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.webflow.internal.AdaptiveRateLimiter;
import dev.syncengine.webflow.internal.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveRateLimiterTest {
  /** Time that moves only when someone sleeps. */
  static final class FakeTicker implements Ticker {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  private final FakeTicker time = new FakeTicker();

  @Test
  void spacesRequestsEvenlyAtLimitPerWindow() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);

    for (int i = 0; i < 5; i++) {
      l.acquire();
    }

    assertThat(time.now).isEqualTo(Duration.ofSeconds(4).toNanos());
  }

  @Test
  void whenOthersSpendTheTokenSlowsDownBelowHalfTheLimit() {
    // remaining drops with none of our requests in between: another process is spending
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 40);
    long full = l.intervalNanos();
    l.onResponse(60, 15);
    long quarter = l.intervalNanos();
    l.onResponse(60, 3);
    long nearlyOut = l.intervalNanos();

    assertThat(full).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(quarter).isEqualTo(Duration.ofSeconds(4).toNanos());
    assertThat(nearlyOut).isEqualTo(Duration.ofSeconds(15).toNanos()); // capped at window / 4
  }

  @Test
  void aloneItKeepsFullSpeedUntilTheLastRequestsOfTheWindow() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 60);
    // Our own requests explain every drop: nobody else spends this token.
    for (int remaining = 59; remaining >= 2; remaining--) {
      l.acquire();
      l.onResponse(60, remaining);
    }
    assertThat(l.intervalNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());

    l.acquire();
    l.onResponse(60, 1);
    assertThat(l.intervalNanos()).isGreaterThan(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void ourOwnRequestsInFlightAreNotMistakenForAnotherProcess() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 60);
    for (int remaining = 59; remaining > 6; remaining -= 2) {
      // two workers: both requests sent before either answer arrives
      l.acquire();
      l.acquire();
      l.onResponse(60, remaining);
      l.onResponse(60, remaining - 1);
    }

    assertThat(l.intervalNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void aloneASlotNobodyWasReadyForIsCaughtUpButNeverMoreThanTwo() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.acquire(); // t=0, next slot at 1 s
    time.now = Duration.ofSeconds(5).toNanos(); // nobody came for the slots at 1..4 s

    long start = time.now;
    for (int i = 0; i < 5; i++) {
      l.acquire();
    }

    // the late caller plus two caught-up slots go at once; then one per second again
    assertThat(time.now - start).isEqualTo(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void sharedNothingIsCaughtUp() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 60);
    l.onResponse(60, 50); // ten requests that were not ours: the token is shared
    l.acquire();
    time.now += Duration.ofSeconds(5).toNanos();

    long start = time.now;
    for (int i = 0; i < 3; i++) {
      l.acquire();
    }

    assertThat(time.now - start).isEqualTo(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void aRateLimitedAnswerCountsAsSharing() {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onRateLimited(Duration.ofSeconds(1));
    l.onResponse(60, 20);

    assertThat(l.intervalNanos()).isGreaterThan(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void followsTheLimitHeader() {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);

    l.onResponse(120, 100);

    assertThat(l.limit()).isEqualTo(120);
    assertThat(l.intervalNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
  }

  @Test
  void pausesEveryCallerForRetryAfterOnA429() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.acquire();

    l.onRateLimited(Duration.ofSeconds(30));
    l.acquire();

    assertThat(time.now).isGreaterThanOrEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void sharesOneLimiterPerTokenWithinARegistry() {
    RateLimiterRegistry r = RateLimiterRegistry.create();

    assertThat(r.limiterFor("a", 60, Duration.ofMinutes(1), time))
        .isSameAs(r.limiterFor("a", 120, Duration.ofMinutes(1), time))
        .isNotSameAs(r.limiterFor("b", 60, Duration.ofMinutes(1), time))
        .isNotSameAs(RateLimiterRegistry.create().limiterFor("a", 60, Duration.ofMinutes(1), time));
  }
}
