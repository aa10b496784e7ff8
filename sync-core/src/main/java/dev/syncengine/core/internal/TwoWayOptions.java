package dev.syncengine.core.internal;

import dev.syncengine.core.model.ConnectionConfig;

/** The connection options of two-way sync. Stateless. */
public final class TwoWayOptions {
  /** {@code "true"} opts a connection in; one-way is the default. */
  public static final String ENABLED = "twoWay.enabled";

  private TwoWayOptions() {}

  public static boolean enabled(ConnectionConfig c) {
    return Boolean.parseBoolean(c.option(ENABLED, "false"));
  }
}
