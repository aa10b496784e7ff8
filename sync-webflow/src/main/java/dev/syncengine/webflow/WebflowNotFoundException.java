package dev.syncengine.webflow;

import java.util.List;

/** 404: the site, collection or item does not exist (any more). */
public class WebflowNotFoundException extends WebflowException {
  public WebflowNotFoundException(String code, String message, List<ErrorDetail> details) {
    super(404, code, message, details, null);
  }
}
