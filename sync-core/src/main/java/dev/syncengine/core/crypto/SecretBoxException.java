package dev.syncengine.core.crypto;

/** A sealed value could not be opened: wrong format, unknown key id, or tampered. */
public class SecretBoxException extends RuntimeException {
  public SecretBoxException(String message) {
    super(message, null, false, false);
  }
}
