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
  void aloneItKeepsFullSpeedThroughTheWholeWindow() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 60);
    // Our own requests explain every drop: nobody else spends this token.
    for (int remaining = 59; remaining >= 1; remaining--) {
      l.acquire();
      l.onResponse(60, remaining);
    }
    assertThat(l.intervalNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());

    l.acquire(); // the window's last request
    l.onResponse(60, 0);
    assertThat(l.intervalNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
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
  void aloneAWindowSpentByOurOwnRequestsWaitsForItsResetNotForMore() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.acquire(); // t=0: the window's first request, answered half a second later
    time.now = Duration.ofMillis(500).toNanos();
    l.onResponse(60, 59);
    for (int remaining = 58; remaining >= 0; remaining--) {
      l.acquire();
      l.onResponse(60, remaining);
    }
    assertThat(time.now).isEqualTo(Duration.ofSeconds(59).toNanos());

    l.acquire(); // even spacing says 60 s; the server may have counted the first request late

    assertThat(time.now).isEqualTo(Duration.ofMillis(60_500).toNanos());
  }

  /** A server's fixed window, started by the first request after the last one ended. */
  private static final class FixedWindowServer {
    private final int limit;
    private final long windowNanos;
    private long start;
    private int used;
    int refused;

    FixedWindowServer(int limit, Duration window) {
      this.limit = limit;
      this.windowNanos = window.toNanos();
    }

    /** Counts a request arriving now; returns the remaining header, or -1 for a 429. */
    synchronized int arrive() {
      long now = System.nanoTime();
      if (start == 0 || now - start >= windowNanos) {
        start = now;
        used = 0;
      }
      if (used == limit) {
        refused++;
        return -1;
      }
      return limit - ++used;
    }
  }

  @Test
  void aloneWithSeveralCallersNoRequestCrossesAFixedWindow() throws Exception {
    FixedWindowServer server = new FixedWindowServer(10, Duration.ofMillis(300));
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(10, Duration.ofMillis(300), Ticker.SYSTEM);
    long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    java.util.concurrent.atomic.AtomicInteger sent =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<Thread> callers = new java.util.ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread th =
          new Thread(
              () -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom();
                try {
                  while (System.nanoTime() < until) {
                    l.acquire();
                    int remaining = server.arrive();
                    sent.incrementAndGet();
                    Thread.sleep(random.nextInt(1, 25)); // the answer's way back
                    l.onResponse(10, Math.max(remaining, 0));
                    if (remaining < 0) {
                      l.onRateLimited(Duration.ofMillis(100));
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      th.start();
      callers.add(th);
    }
    for (Thread th : callers) {
      th.join();
    }

    assertThat(server.refused).isZero();
    assertThat(sent.get()).as("the budget is spent, not hoarded").isGreaterThanOrEqualTo(40);
  }

  @Test
  void aSlotNobodyWasReadyForIsNotCaughtUpLater() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.acquire(); // t=0, next slot at 1 s
    time.now = Duration.ofSeconds(5).toNanos(); // nobody came for the slots at 1..4 s

    long start = time.now;
    for (int i = 0; i < 5; i++) {
      l.acquire();
    }

    // no burst to make up for them: a burst is what crosses a fixed window's limit
    assertThat(time.now - start).isEqualTo(Duration.ofSeconds(4).toNanos());
  }

  @Test
  void budgetTheServerConfirmsIsSpentAtOnceButNeverBeyondEvenSpacingForTheRest() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.acquire(); // t=0
    time.now = Duration.ofMillis(100).toNanos();
    l.onResponse(60, 59); // the window's first request: it ends by 60.1 s
    time.now = Duration.ofSeconds(30).toNanos(); // idle for half the window

    // 59 left, even spacing would spend 31 before the window ends: no need to wait
    assertThat(l.nanosUntilFree()).isZero();
    l.acquire();
    l.acquire();
    assertThat(time.now).isEqualTo(Duration.ofSeconds(30).toNanos());

    // once what is left is only what even spacing needs, requests are spaced again
    for (int i = 0; i < 40; i++) {
      l.acquire();
    }
    long start = time.now;
    l.acquire();
    l.acquire();
    assertThat(time.now - start).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void aRateLimitedAnswerOurOwnRequestsExplainIsNotSharing() throws Exception {
    AdaptiveRateLimiter l = new AdaptiveRateLimiter(60, Duration.ofMinutes(1), time);
    l.onResponse(60, 2);
    l.acquire();
    l.acquire();
    l.acquire(); // the server's window started a little later than we thought
    l.onResponse(60, 1);
    l.onResponse(60, 0);
    l.onResponse(60, 0);
    l.onRateLimited(Duration.ofSeconds(1));
    time.now += Duration.ofSeconds(2).toNanos();
    l.onResponse(60, 59); // the next window

    assertThat(l.intervalNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
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
