package dev.syncengine.smartsuite;

/**
 * The names under which a connection's {@link dev.syncengine.core.model.Credentials} hold what the
 * SmartSuite source needs. The values are secrets: stores encrypt them, and they never appear in
 * logs, errors or API answers.
 *
 * <p>SmartSuite authenticates every request with {@code Authorization: Token <key>} and the
 * workspace in {@code ACCOUNT-ID} (smartsuite-api.md, "Base and authentication").
 */
public final class SmartSuiteCredentials {
  /** The API key ({@code Authorization: Token <key>}). */
  public static final String API_KEY = "smartsuite.apiKey";

  /** The workspace (account) id ({@code ACCOUNT-ID} header). */
  public static final String ACCOUNT_ID = "smartsuite.accountId";

  private SmartSuiteCredentials() {}
}
