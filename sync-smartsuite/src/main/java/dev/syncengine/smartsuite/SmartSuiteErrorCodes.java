package dev.syncengine.smartsuite;

/**
 * The {@link dev.syncengine.core.spi.SyncError#code()} values {@link SmartSuiteSource} gives.
 * Stored in the event log and shown by the dashboard: the values never change.
 */
public final class SmartSuiteErrorCodes {
  /** The API key or account id was refused (401, 403). */
  public static final String UNAUTHORIZED = "smartsuite_unauthorized";

  /** The table or record does not exist (404). */
  public static final String NOT_FOUND = "smartsuite_not_found";

  /** SmartSuite refused the request as malformed (400, 409, 422). */
  public static final String BAD_REQUEST = "smartsuite_bad_request";

  /** SmartSuite answered with a server error (5xx). */
  public static final String UNAVAILABLE = "smartsuite_unavailable";

  /** SmartSuite answered with something that is not the documented shape. */
  public static final String BAD_RESPONSE = "smartsuite_bad_response";

  /** SmartSuite could not be reached. */
  public static final String UNREACHABLE = "smartsuite_unreachable";

  /** SmartSuite kept answering 429. */
  public static final String RATE_LIMITED = "smartsuite_rate_limited";

  /** The path is not one SmartSuite serves. */
  public static final String BAD_ROUTE = "smartsuite_bad_route";

  /** The prefix of the code for any other HTTP status: {@code smartsuite_http_<status>}. */
  public static final String HTTP_PREFIX = "smartsuite_http_";

  private SmartSuiteErrorCodes() {}
}
