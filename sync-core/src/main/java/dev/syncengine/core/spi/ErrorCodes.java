package dev.syncengine.core.spi;

/**
 * The {@link SyncError#code()} values the engine itself gives. Adapters define their own next to
 * them (each adapter module has an {@code ...ErrorCodes} class). Codes are stored in the event log
 * and shown by the dashboard: their values never change.
 */
public final class ErrorCodes {
  /** A failure nobody classified: a bug or an unexpected exception. */
  public static final String INTERNAL_ERROR = "internal_error";

  /** The engine's store could not be reached; nothing was accepted. */
  public static final String STORE_UNAVAILABLE = "store_unavailable";

  /** The connection was deleted while its work was queued. */
  public static final String CONNECTION_MISSING = "connection_missing";

  /** The connection's mapping does not compile. */
  public static final String MAPPING_INVALID = "mapping_invalid";

  /** The sink returned no result for a record it was given. */
  public static final String NO_RESULT = "no_result";

  private ErrorCodes() {}
}
