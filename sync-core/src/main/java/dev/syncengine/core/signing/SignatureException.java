package dev.syncengine.core.signing;

/** A webhook's signature did not verify. The message is for logs, not for the sender. */
public class SignatureException extends Exception {
  public SignatureException(String message) {
    super(message, null, false, false);
  }
}
