package dev.syncengine.webflow;

import java.util.List;

/**
 * 401 or 403: the token is invalid, expired, lacks a scope ({@code missing_scopes}) or may not
 * touch this site.
 */
public class WebflowAuthException extends WebflowException {
  public WebflowAuthException(int status, String code, String message, List<ErrorDetail> details) {
    super(status, code, message, details, null);
  }

  /** Whether Webflow said the token lacks a scope. */
  public boolean missingScopes() {
    return "missing_scopes".equals(code());
  }
}
