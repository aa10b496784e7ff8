package dev.syncengine.webflow;

import java.util.List;

/**
 * A Webflow call failed. Subclasses say how: {@link WebflowValidationException}, {@link
 * WebflowConflictException}, {@link WebflowNotFoundException}, {@link WebflowAuthException}, {@link
 * WebflowRateLimitedException}, {@link WebflowServerException}, {@link WebflowTransportException}
 * and {@link CreateOutcomeUnknownException}. Messages never contain the token.
 */
public class WebflowException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<ErrorDetail> details;

  public WebflowException(
      int status, String code, String message, List<ErrorDetail> details, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code == null ? "unknown" : code;
    this.details = details == null ? List.of() : List.copyOf(details);
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Webflow's error {@code code}, e.g. {@code validation_error}; never null. */
  public String code() {
    return code;
  }

  /** Webflow's {@code details}, possibly empty. */
  public List<ErrorDetail> details() {
    return details;
  }

  /** Whether the same request may succeed later. */
  public boolean retryable() {
    return false;
  }
}
