package dev.syncengine.webflow;

import java.time.Duration;
import java.util.List;

/** 429: the token's budget is spent; wait {@link #retryAfter()}. */
public class WebflowRateLimitedException extends WebflowException {
  private final Duration retryAfter;

  public WebflowRateLimitedException(
      String message, Duration retryAfter, List<ErrorDetail> details) {
    super(429, "too_many_requests", message, details, null);
    this.retryAfter = retryAfter;
  }

  /** How long Webflow asked callers to wait. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
