package dev.syncengine.webflow;

import java.util.List;

/** 409: e.g. a live update of an item that was never published. */
public class WebflowConflictException extends WebflowException {
  public WebflowConflictException(String code, String message, List<ErrorDetail> details) {
    super(409, code, message, details, null);
  }
}
