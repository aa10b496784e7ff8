package dev.syncengine.spring;

/** A {@code sync.*} property is missing or invalid; the message names it. */
public class SyncConfigurationException extends IllegalStateException {
  private final String property;

  public SyncConfigurationException(String property, String message) {
    super(property + ": " + message);
    this.property = property;
  }

  /** The property at fault, e.g. {@code sync.encryption.keys}. */
  public String property() {
    return property;
  }
}
