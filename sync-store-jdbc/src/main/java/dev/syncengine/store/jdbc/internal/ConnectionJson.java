package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ConnectionSettingsJson;
import dev.syncengine.core.model.Credentials;

/** A connection's non-secret settings as the JSON of {@code sync_connection.config}. */
final class ConnectionJson {
  private ConnectionJson() {}

  static String write(ConnectionConfig c) {
    return Json.write(ConnectionSettingsJson.write(c));
  }

  static ConnectionConfig read(String id, String config, Credentials credentials) {
    return ConnectionSettingsJson.read(id, Json.read(config), credentials);
  }
}
