package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link IdMapStore} on JDBC. Thread-safe. */
public final class JdbcIdMapStore implements IdMapStore {
  private static final String SELECT =
      "SELECT connection_id, record_id, item_id, source_version, snapshot, previous_snapshot,"
          + " item_state, updated_at, target_version FROM sync_id_map";

  // keeps IN lists well under every driver's parameter limit
  private static final int LOOKUP_CHUNK = 500;

  private static final RowMapper<IdMapping> MAPPER =
      (rs, ctx) ->
          new IdMapping(
              rs.getString("connection_id"),
              rs.getString("record_id"),
              rs.getString("item_id"),
              instant(rs, "source_version"),
              Json.readObject(rs.getString("snapshot")),
              Json.readObject(rs.getString("previous_snapshot")),
              rs.getString("item_state"),
              instant(rs, "updated_at"),
              instant(rs, "target_version"));

  private static final String DELETE_INTENT =
      "DELETE FROM sync_create_intent WHERE connection_id = :c AND record_id = :r";

  private final Db db;
  private final String upsert;
  private final String upsertIntent;

  public JdbcIdMapStore(Db db) {
    this.db = db;
    this.upsert =
        db.dialect()
            .upsert(
                "sync_id_map",
                List.of("connection_id", "record_id"),
                List.of(
                    "item_id",
                    "source_version",
                    "snapshot",
                    "previous_snapshot",
                    "item_state",
                    "updated_at",
                    "target_version"));
    this.upsertIntent =
        db.dialect()
            .upsert(
                "sync_create_intent",
                List.of("connection_id", "record_id"),
                List.of("create_key", "created_at"));
  }

  @Override
  public Optional<IdMapping> find(String connectionId, String recordId) {
    return db.tx(
        h ->
            h.createQuery(SELECT + " WHERE connection_id = :c AND record_id = :r")
                .bind("c", connectionId)
                .bind("r", recordId)
                .map(MAPPER)
                .findOne());
  }

  @Override
  public Optional<IdMapping> findByItemId(String connectionId, String itemId) {
    return db.tx(
        h ->
            h.createQuery(SELECT + " WHERE connection_id = :c AND item_id = :i")
                .bind("c", connectionId)
                .bind("i", itemId)
                .map(MAPPER)
                .findFirst());
  }

  @Override
  public Map<String, IdMapping> findAll(String connectionId, Collection<String> recordIds) {
    if (recordIds.isEmpty()) {
      return Map.of();
    }
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(recordIds));
    return db.tx(
        h -> {
          Map<String, IdMapping> found = new HashMap<>();
          for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            h.createQuery(SELECT + " WHERE connection_id = :c AND record_id IN (<ids>)")
                .bind("c", connectionId)
                .bindList("ids", chunk)
                .map(MAPPER)
                .forEach(m -> found.put(m.recordId(), m));
          }
          return found;
        });
  }

  @Override
  public void put(IdMapping m) {
    db.tx(
        h -> {
          h.createUpdate(upsert)
              .bind("connection_id", m.connectionId())
              .bind("record_id", m.recordId())
              .bind("item_id", m.itemId())
              .bind("source_version", Micros.ofNullable(m.sourceVersion()))
              .bind("snapshot", Json.write(m.snapshot()))
              .bind("previous_snapshot", Json.write(m.previousSnapshot()))
              .bind("item_state", m.itemState())
              .bind("updated_at", Micros.ofNullable(m.updatedAt()))
              .bind("target_version", Micros.ofNullable(m.targetVersion()))
              .execute();
          h.createUpdate(DELETE_INTENT)
              .bind("c", m.connectionId())
              .bind("r", m.recordId())
              .execute();
          return null;
        });
  }

  /** All puts and deletes in one transaction, puts as one JDBC batch. */
  @Override
  public void apply(
      java.util.Collection<IdMapping> puts, java.util.Map<String, List<String>> deletes) {
    if (puts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    db.tx(
        h -> {
          if (!puts.isEmpty()) {
            org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(upsert);
            for (IdMapping m : puts) {
              batch
                  .bind("connection_id", m.connectionId())
                  .bind("record_id", m.recordId())
                  .bind("item_id", m.itemId())
                  .bind("source_version", Micros.ofNullable(m.sourceVersion()))
                  .bind("snapshot", Json.write(m.snapshot()))
                  .bind("previous_snapshot", Json.write(m.previousSnapshot()))
                  .bind("item_state", m.itemState())
                  .bind("updated_at", Micros.ofNullable(m.updatedAt()))
                  .bind("target_version", Micros.ofNullable(m.targetVersion()))
                  .add();
            }
            batch.execute();
            org.jdbi.v3.core.statement.PreparedBatch done = h.prepareBatch(DELETE_INTENT);
            for (IdMapping m : puts) {
              done.bind("c", m.connectionId()).bind("r", m.recordId()).add();
            }
            done.execute();
          }
          for (var e : deletes.entrySet()) {
            org.jdbi.v3.core.statement.PreparedBatch batch =
                h.prepareBatch(
                    "DELETE FROM sync_id_map WHERE connection_id = :c AND record_id = :r");
            org.jdbi.v3.core.statement.PreparedBatch intents = h.prepareBatch(DELETE_INTENT);
            for (String r : e.getValue()) {
              batch.bind("c", e.getKey()).bind("r", r).add();
              intents.bind("c", e.getKey()).bind("r", r).add();
            }
            batch.execute();
            intents.execute();
          }
          return null;
        });
  }

  @Override
  public void delete(String connectionId, String recordId) {
    db.tx(
        h -> {
          h.createUpdate("DELETE FROM sync_id_map WHERE connection_id = :c AND record_id = :r")
              .bind("c", connectionId)
              .bind("r", recordId)
              .execute();
          h.createUpdate(DELETE_INTENT).bind("c", connectionId).bind("r", recordId).execute();
          return null;
        });
  }

  /** One transaction, one JDBC batch. */
  @Override
  public void recordCreateIntents(String connectionId, Map<String, String> keyByRecordId) {
    if (keyByRecordId.isEmpty()) {
      return;
    }
    long now = db.nowMicros();
    db.tx(
        h -> {
          org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(upsertIntent);
          for (Map.Entry<String, String> e : keyByRecordId.entrySet()) {
            batch
                .bind("connection_id", connectionId)
                .bind("record_id", e.getKey())
                .bind("create_key", e.getValue())
                .bind("created_at", now)
                .add();
          }
          batch.execute();
          return null;
        });
  }

  @Override
  public Map<String, String> findCreateIntents(String connectionId, Collection<String> recordIds) {
    if (recordIds.isEmpty()) {
      return Map.of();
    }
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(recordIds));
    return db.tx(
        h -> {
          Map<String, String> found = new HashMap<>();
          for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            h.createQuery(
                    "SELECT record_id, create_key FROM sync_create_intent"
                        + " WHERE connection_id = :c AND record_id IN (<ids>)")
                .bind("c", connectionId)
                .bindList("ids", chunk)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
          }
          return found;
        });
  }

  @Override
  public List<IdMapping> list(String connectionId, String afterRecordId, int limit) {
    String sql =
        SELECT
            + " WHERE connection_id = :c"
            + (afterRecordId == null ? "" : " AND record_id > :after")
            + " ORDER BY record_id LIMIT :limit";
    return db.tx(
        h ->
            new ArrayList<>(
                h.createQuery(sql)
                    .bind("c", connectionId)
                    .bind("after", afterRecordId)
                    .bind("limit", limit)
                    .map(MAPPER)
                    .list()));
  }

  @Override
  public long count(String connectionId) {
    return db.tx(
        h ->
            h.createQuery("SELECT COUNT(*) FROM sync_id_map WHERE connection_id = :c")
                .bind("c", connectionId)
                .mapTo(Long.class)
                .one());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Micros.toInstant(v);
  }
}
