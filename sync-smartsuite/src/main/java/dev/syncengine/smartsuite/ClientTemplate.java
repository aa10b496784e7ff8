package dev.syncengine.smartsuite;

import dev.syncengine.smartsuite.internal.SmartSuiteHttp;
import dev.syncengine.smartsuite.internal.Ticker;

/**
 * A {@link SmartSuiteClient}'s settings without API key and account, checked once: {@link
 * SmartSuiteSource} derives each session's client from it with only those changed. Clients of one
 * key share the key's limiter ({@code internal.RateLimiters}: SmartSuite allows 5 requests per
 * second per API key, smartsuite-api.md "Rate limits") and all share one OkHttp connection pool.
 * Immutable and thread-safe.
 */
final class ClientTemplate {
  private final SmartSuiteHttp.Settings settings;
  private final Ticker ticker;

  ClientTemplate(SmartSuiteHttp.Settings settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
  }

  /** A client with these settings for one key and workspace; cheap, makes no call. */
  SmartSuiteClient client(String apiKey, String accountId) {
    return new SmartSuiteClient(settings.withCredentials(apiKey, accountId), ticker);
  }
}
