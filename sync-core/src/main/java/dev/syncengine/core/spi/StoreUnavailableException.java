package dev.syncengine.core.spi;

/**
 * The store cannot be reached or did not answer (database down, pool exhausted). Retryable: ingress
 * answers 503 and acknowledges nothing; workers back off.
 */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
