package dev.syncengine.webflow;

import java.util.List;
import java.util.Optional;

/** 400: the request or an item in it is invalid; {@link #details()} names the fields. */
public class WebflowValidationException extends WebflowException {
  public WebflowValidationException(String code, String message, List<ErrorDetail> details) {
    super(400, code, message, details, null);
  }

  /** The detail about one parameter (e.g. {@code slug}), if Webflow gave one. */
  public Optional<ErrorDetail> detailFor(String param) {
    return details().stream().filter(d -> param.equals(d.param())).findFirst();
  }
}
