package dev.syncengine.core.mapping;

/**
 * A record could not be mapped. Permanent unless {@link #retryable()} (a linked record that has not
 * synced yet). The message names the field, the rule and why.
 */
public class MappingException extends Exception {
  private final String field;
  private final boolean retryable;

  public MappingException(String field, String message, boolean retryable) {
    super(message);
    this.field = field;
    this.retryable = retryable;
  }

  /** The target field slug at fault, or null. */
  public String field() {
    return field;
  }

  public boolean retryable() {
    return retryable;
  }
}
