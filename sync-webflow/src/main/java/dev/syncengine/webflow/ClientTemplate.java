package dev.syncengine.webflow;

import dev.syncengine.webflow.internal.Ticker;
import dev.syncengine.webflow.internal.WebflowHttp;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A {@link WebflowClient}'s settings without a token, checked once: {@link WebflowSink} derives
 * each session's client from it with only the token changed. Every client derived for one token
 * shares that token's limiter in {@link #rateLimiters} (Webflow counts requests per token, see
 * webflow-api.md "Rate limits and errors": "Per API key"), and all share one OkHttp connection
 * pool. Immutable and thread-safe.
 */
final class ClientTemplate {
  private final OkHttpClient ok;
  private final HttpUrl base;
  private final String userAgent;
  private final RateLimiterRegistry rateLimiters;
  private final int rateLimitPerMinute;
  private final Duration rateLimitWindow;
  private final Clock clock;
  private final int maxRetries;
  private final Duration retryDelay;

  ClientTemplate(
      OkHttpClient ok,
      HttpUrl base,
      String userAgent,
      RateLimiterRegistry rateLimiters,
      int rateLimitPerMinute,
      Duration rateLimitWindow,
      Clock clock,
      int maxRetries,
      Duration retryDelay) {
    this.ok = ok;
    this.base = base;
    this.userAgent = userAgent;
    this.rateLimiters = rateLimiters;
    this.rateLimitPerMinute = rateLimitPerMinute;
    this.rateLimitWindow = rateLimitWindow;
    this.clock = clock;
    this.maxRetries = maxRetries;
    this.retryDelay = retryDelay;
  }

  /**
   * A client with these settings for {@code token}; cheap, makes no call.
   *
   * @throws IllegalStateException when the token is null or empty
   */
  WebflowClient client(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalStateException("token is required");
    }
    return new WebflowClient(
        new WebflowHttp(
            ok,
            base,
            token,
            userAgent,
            rateLimiters.limiterFor(token, rateLimitPerMinute, rateLimitWindow, Ticker.SYSTEM),
            clock,
            rateLimitWindow,
            maxRetries,
            retryDelay));
  }
}
