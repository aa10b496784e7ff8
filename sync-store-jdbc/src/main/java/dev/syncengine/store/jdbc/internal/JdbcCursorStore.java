package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.spi.CursorStore;
import java.util.List;
import java.util.Optional;

/** {@link CursorStore} on JDBC. Thread-safe. */
public final class JdbcCursorStore implements CursorStore {
  private final Db db;
  private final String upsert;

  public JdbcCursorStore(Db db) {
    this.db = db;
    this.upsert =
        db.dialect()
            .upsert(
                "sync_cursor",
                List.of("connection_id", "cursor_name"),
                List.of("cursor_value", "updated_at"));
  }

  @Override
  public Optional<String> get(String connectionId, String name) {
    return db.tx(
        h ->
            h.createQuery(
                    "SELECT cursor_value FROM sync_cursor"
                        + " WHERE connection_id = :c AND cursor_name = :n")
                .bind("c", connectionId)
                .bind("n", name)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public void put(String connectionId, String name, String value) {
    long now = db.nowMicros();
    db.tx(
        h ->
            h.createUpdate(upsert)
                .bind("connection_id", connectionId)
                .bind("cursor_name", name)
                .bind("cursor_value", value)
                .bind("updated_at", now)
                .execute());
  }

  @Override
  public void delete(String connectionId, String name) {
    db.tx(
        h ->
            h.createUpdate("DELETE FROM sync_cursor WHERE connection_id = :c AND cursor_name = :n")
                .bind("c", connectionId)
                .bind("n", name)
                .execute());
  }
}
