package dev.syncengine.core.mapping.internal;

/** A linked record has no target item yet; mapping may succeed later. */
public final class LinkPendingException extends RuntimeException {
  public LinkPendingException(String message) {
    super(message, null, false, false);
  }
}
