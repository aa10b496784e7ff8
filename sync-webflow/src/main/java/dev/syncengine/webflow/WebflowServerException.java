package dev.syncengine.webflow;

import java.util.List;

/** 5xx or 408: Webflow failed or timed out; the request may or may not have been applied. */
public class WebflowServerException extends WebflowException {
  public WebflowServerException(
      int status, String code, String message, List<ErrorDetail> details) {
    super(status, code, message, details, null);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
