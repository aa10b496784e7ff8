package dev.syncengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.RetrySettings;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffPropertiesTest {

  @Property
  void delayStaysWithinZeroAndTheCappedCeiling(
      @ForAll @LongRange(min = 1, max = 60_000) long initialMs,
      @ForAll @LongRange(min = 0, max = 3_600_000) long extraMs,
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double random) {
    RetrySettings s =
        new RetrySettings(Duration.ofMillis(initialMs), Duration.ofMillis(initialMs + extraMs), 10);
    Duration ceiling = Backoff.ceiling(s, attempt);
    Duration d = Backoff.delay(s, attempt, null, random);

    assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(ceiling);
    assertThat(ceiling).isLessThanOrEqualTo(s.maxDelay());
    assertThat(ceiling)
        .isGreaterThanOrEqualTo(Duration.ofMillis(Math.min(s.maxDelay().toMillis(), initialMs)));
  }

  @Property
  void ceilingNeverShrinksAsAttemptsGrow(
      @ForAll @LongRange(min = 1, max = 10_000) long initialMs,
      @ForAll @IntRange(min = 1, max = 100) int attempt) {
    RetrySettings s = new RetrySettings(Duration.ofMillis(initialMs), Duration.ofHours(1), 10);
    assertThat(Backoff.ceiling(s, attempt + 1)).isGreaterThanOrEqualTo(Backoff.ceiling(s, attempt));
  }

  @Property
  void aRemoteRetryAfterIsAlwaysHonoured(
      @ForAll @IntRange(min = 1, max = 50) int attempt,
      @ForAll @LongRange(min = 0, max = 120_000) long retryAfterMs,
      @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double random) {
    RetrySettings s = RetrySettings.ofDefaults();
    Duration d = Backoff.delay(s, attempt, Duration.ofMillis(retryAfterMs), random);
    assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(retryAfterMs));
  }
}
