package dev.syncengine.smartsuite;

import dev.syncengine.core.spi.SyncError;
import java.time.Duration;

/**
 * SmartSuite answered 429, or this JVM is still inside the penalty that followed one: nothing is
 * sent for the API key until {@link #retryAfter()} has passed.
 */
public final class SmartSuiteRateLimitedException extends SmartSuiteApiException {
  private final Duration retryAfter;

  public SmartSuiteRateLimitedException(int statusCode, Duration retryAfter) {
    super(
        statusCode,
        new SyncError(
            SmartSuiteErrorCodes.RATE_LIMITED,
            "SmartSuite rate limit: retry after " + retryAfter.toMillis() + " ms",
            null,
            true,
            retryAfter,
            null));
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
