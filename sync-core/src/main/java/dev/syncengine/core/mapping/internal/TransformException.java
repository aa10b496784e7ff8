package dev.syncengine.core.mapping.internal;

/** A transform or coercion could not handle a value; the message says why, for a person. */
public final class TransformException extends RuntimeException {
  public TransformException(String message) {
    super(message, null, false, false);
  }
}
