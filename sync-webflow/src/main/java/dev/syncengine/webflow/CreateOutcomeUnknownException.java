package dev.syncengine.webflow;

/**
 * A create was sent but no usable answer came back (timeout, reset connection, 5xx): the items may
 * or may not exist now. Creates are never retried blindly; look the items up by slug (see {@link
 * WebflowClient#findBySlug}) before creating them again. {@link #getCause()} is what happened.
 */
public class CreateOutcomeUnknownException extends WebflowException {
  public CreateOutcomeUnknownException(WebflowException cause) {
    super(
        cause.status(),
        cause.code(),
        "create outcome unknown: " + cause.getMessage(),
        cause.details(),
        cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
