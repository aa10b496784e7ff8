package dev.syncengine.core.spi;

/** An adapter call failed as a whole; {@link #error()} says whether to retry. */
public class SyncException extends RuntimeException {
  private final SyncError error;

  public SyncException(SyncError error) {
    super(error.message());
    this.error = error;
  }

  public SyncException(SyncError error, Throwable cause) {
    super(error.message(), cause);
    this.error = error;
  }

  public SyncError error() {
    return error;
  }
}
