package dev.syncengine.smartsuite;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;

/**
 * A SmartSuite call failed. {@link #statusCode()} is the HTTP status (0 when no response arrived);
 * {@link #error()} says whether to retry. Messages never contain the API key.
 */
public class SmartSuiteApiException extends SyncException {
  /** {@link SyncError#code()} of a call to a method or path SmartSuite does not have. */
  public static final String BAD_ROUTE = SmartSuiteErrorCodes.BAD_ROUTE;

  private final int statusCode;

  public SmartSuiteApiException(int statusCode, SyncError error) {
    super(error);
    this.statusCode = statusCode;
  }

  public SmartSuiteApiException(int statusCode, SyncError error, Throwable cause) {
    super(error, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status, or 0 when the request did not get an answer. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * True for 404: the table, record, file or webhook does not exist. False for a 404 that says the
   * method itself is unknown ({@link #BAD_ROUTE}).
   */
  public boolean isNotFound() {
    return statusCode == 404 && !BAD_ROUTE.equals(error().code());
  }
}
