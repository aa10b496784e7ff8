package dev.syncengine.core.mapping.internal;

/** A JSONata expression does not parse; {@link #position()} is the character offset, or -1. */
public final class JsonataSyntaxException extends RuntimeException {
  private final int position;

  public JsonataSyntaxException(String message, int position) {
    super(message, null, false, false);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
