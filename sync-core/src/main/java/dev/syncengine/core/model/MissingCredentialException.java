package dev.syncengine.core.model;

/**
 * A connection lacks a credential an adapter needs. The message and {@link #credential()} name the
 * key only, never a value.
 */
public class MissingCredentialException extends IllegalStateException {
  /**
   * The {@link dev.syncengine.core.spi.SyncError#code()} an adapter reports for it, with the
   * credential's name as the error's field.
   */
  public static final String ERROR_CODE = "missing_credentials";

  private final String credential;

  public MissingCredentialException(String credential) {
    super("missing credential '" + credential + "'");
    this.credential = credential;
  }

  /** The credential's name, e.g. {@code smartsuite.apiKey}. */
  public String credential() {
    return credential;
  }
}
