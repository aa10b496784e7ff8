package dev.syncengine.webflow;

import java.io.IOException;
import java.util.List;

/** No answer arrived: connection refused or reset, or a timeout. */
public class WebflowTransportException extends WebflowException {
  public WebflowTransportException(String message, IOException cause) {
    super(0, "transport_error", message, List.of(), cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
