package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.TargetChangeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link TargetChangeStore} on {@code sync_target_change}. Portable SQL on every dialect: the
 * unique (connection, delivery key) constraint dedupes, and a claim is a conditional update per
 * row, so two workers never both win one row. Thread-safe.
 */
public final class JdbcTargetChangeStore implements TargetChangeStore {
  private static final String COLUMNS =
      "id, connection_id, item_id, trigger_type, kind, target_version, payload, delivery_key,"
          + " state, attempts, run_at, lease_owner, lease_until, received_at, updated_at,"
          + " last_error";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM sync_target_change";
  private static final String CLAIMABLE =
      "((state = 'PENDING' AND run_at <= :now) OR (state = 'CLAIMED' AND lease_until <= :now))";

  private static final int LOOKUP_CHUNK = 500;

  private final Db db;

  public JdbcTargetChangeStore(Db db) {
    this.db = db;
  }

  @Override
  public List<EnqueueResult> append(List<TargetChange> changes) {
    List<EnqueueResult> out = new ArrayList<>(changes.size());
    for (TargetChange c : changes) {
      // One transaction per change: a concurrent insert of the same key retries and finds it.
      out.add(db.txRetrying(h -> appendOne(h, c)));
    }
    return out;
  }

  private EnqueueResult appendOne(Handle h, TargetChange c) {
    Optional<Long> seen =
        h.createQuery(
                "SELECT id FROM sync_target_change WHERE connection_id = :c AND delivery_key = :k")
            .bind("c", c.connectionId())
            .bind("k", c.deliveryKey())
            .mapTo(Long.class)
            .findOne();
    if (seen.isPresent()) {
      return new EnqueueResult(seen.get(), true, false);
    }
    long now = db.nowMicros();
    long id =
        h.createUpdate(
                "INSERT INTO sync_target_change (connection_id, item_id, trigger_type, kind,"
                    + " target_version, payload, delivery_key, state, attempts, run_at,"
                    + " received_at, updated_at) VALUES (:c, :item, :trigger, :kind, :version,"
                    + " :payload, :k, 'PENDING', 0, :now, :received, :now)")
            .bind("c", c.connectionId())
            .bind("item", c.itemId())
            .bind("trigger", c.trigger())
            .bind("kind", c.kind().name())
            .bind("version", Micros.of(c.targetVersion()))
            .bind("payload", Json.write(c.payload()))
            .bind("k", c.deliveryKey())
            .bind("now", now)
            .bind("received", Micros.of(c.receivedAt()))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new EnqueueResult(id, false, false);
  }

  @Override
  public List<StoredTargetChange> claim(String owner, int limit, Duration lease) {
    long now = db.nowMicros();
    long until = Micros.of(db.now().plus(lease));
    return db.tx(
        h -> {
          List<Long> due =
              h.createQuery(
                      "SELECT id FROM sync_target_change WHERE "
                          + CLAIMABLE
                          + " ORDER BY id LIMIT :limit")
                  .bind("now", now)
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          List<StoredTargetChange> out = new ArrayList<>();
          for (long id : due) {
            int won =
                h.createUpdate(
                        "UPDATE sync_target_change SET state = 'CLAIMED', lease_owner = :owner,"
                            + " lease_until = :until, updated_at = :now WHERE id = :id AND "
                            + CLAIMABLE)
                    .bind("owner", owner)
                    .bind("until", until)
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            if (won == 1) {
              out.add(select(h, id).orElseThrow());
            }
          }
          return out;
        });
  }

  @Override
  public void complete(String owner, Collection<Long> ids) {
    long now = db.nowMicros();
    db.tx(
        h -> {
          for (long id : ids) {
            h.createUpdate(
                    "UPDATE sync_target_change SET state = 'DONE', lease_owner = NULL,"
                        + " lease_until = NULL, last_error = NULL, updated_at = :now"
                        + " WHERE id = :id AND state = 'CLAIMED' AND lease_owner = :owner")
                .bind("now", now)
                .bind("id", id)
                .bind("owner", owner)
                .execute();
          }
          return null;
        });
  }

  @Override
  public void fail(String owner, long id, String error, Instant retryAt) {
    long now = db.nowMicros();
    db.tx(
        h ->
            h.createUpdate(
                    "UPDATE sync_target_change SET state = :state, attempts = attempts + 1,"
                        + " run_at = COALESCE(:retryAt, run_at), lease_owner = NULL,"
                        + " lease_until = NULL, last_error = :error, updated_at = :now"
                        + " WHERE id = :id AND state = 'CLAIMED' AND lease_owner = :owner")
                .bind("state", retryAt == null ? "DEAD" : "PENDING")
                .bind("retryAt", Micros.ofNullable(retryAt))
                .bind("error", error)
                .bind("now", now)
                .bind("id", id)
                .bind("owner", owner)
                .execute());
  }

  @Override
  public void defer(String owner, Collection<Long> ids, Instant runAt) {
    long now = db.nowMicros();
    db.tx(
        h -> {
          for (long id : ids) {
            h.createUpdate(
                    "UPDATE sync_target_change SET state = 'PENDING', run_at = :runAt,"
                        + " lease_owner = NULL, lease_until = NULL, updated_at = :now"
                        + " WHERE id = :id AND state = 'CLAIMED' AND lease_owner = :owner")
                .bind("runAt", Micros.of(runAt))
                .bind("now", now)
                .bind("id", id)
                .bind("owner", owner)
                .execute();
          }
          return null;
        });
  }

  @Override
  public void hold(String owner, long id, String note) {
    long now = db.nowMicros();
    db.tx(
        h ->
            h.createUpdate(
                    "UPDATE sync_target_change SET state = 'HELD', lease_owner = NULL,"
                        + " lease_until = NULL, last_error = :note, updated_at = :now"
                        + " WHERE id = :id AND state = 'CLAIMED' AND lease_owner = :owner")
                .bind("note", note)
                .bind("now", now)
                .bind("id", id)
                .bind("owner", owner)
                .execute());
  }

  @Override
  public boolean settle(long id, String note) {
    long now = db.nowMicros();
    return db.tx(
        h ->
            h.createUpdate(
                        "UPDATE sync_target_change SET state = 'DONE', last_error = :note,"
                            + " updated_at = :now WHERE id = :id AND state = 'HELD'")
                    .bind("note", note)
                    .bind("now", now)
                    .bind("id", id)
                    .execute()
                == 1);
  }

  @Override
  public Set<String> pendingItems(String connectionId, Collection<String> itemIds) {
    if (itemIds.isEmpty()) {
      return Set.of();
    }
    List<String> ids = List.copyOf(new HashSet<>(itemIds));
    return db.tx(
        h -> {
          Set<String> out = new HashSet<>();
          long now = db.nowMicros();
          // IN lists kept well under every driver's parameter limit
          for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            h.createQuery(
                    "SELECT DISTINCT item_id FROM sync_target_change WHERE connection_id = :c"
                        + " AND ((state = 'PENDING' AND run_at <= :now) OR state = 'CLAIMED')"
                        + " AND item_id IN (<items>)")
                .bind("c", connectionId)
                .bind("now", now)
                .bindList("items", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))
                .mapTo(String.class)
                .forEach(out::add);
          }
          return out;
        });
  }

  @Override
  public Optional<StoredTargetChange> find(long id) {
    return db.tx(h -> select(h, id));
  }

  private static Optional<StoredTargetChange> select(Handle h, long id) {
    return h.createQuery(SELECT + " WHERE id = :id")
        .bind("id", id)
        .map(JdbcTargetChangeStore::row)
        .findOne();
  }

  @Override
  public List<StoredTargetChange> list(String connectionId, JobState state, int offset, int limit) {
    String where =
        (connectionId == null ? "1 = 1" : "connection_id = :c")
            + (state == null ? "" : " AND state = :s");
    return db.tx(
        h ->
            h.createQuery(
                    SELECT + " WHERE " + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("c", connectionId)
                .bind("s", state == null ? null : state.name())
                .bind("limit", limit)
                .bind("offset", offset)
                .map(JdbcTargetChangeStore::row)
                .list());
  }

  @Override
  public Map<JobState, Long> counts(String connectionId) {
    Map<JobState, Long> out = new EnumMap<>(JobState.class);
    db.tx(
            h ->
                h.createQuery(
                        "SELECT state, COUNT(*) AS n FROM sync_target_change"
                            + (connectionId == null ? "" : " WHERE connection_id = :c")
                            + " GROUP BY state")
                    .bind("c", connectionId)
                    .map((rs, ctx) -> Map.entry(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
                    .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Override
  public int purge(Instant before) {
    return db.tx(
        h ->
            h.createUpdate(
                    "DELETE FROM sync_target_change WHERE state = 'DONE' AND updated_at < :before")
                .bind("before", Micros.of(before))
                .execute());
  }

  @Override
  public void deleteConnection(String connectionId) {
    db.tx(
        h ->
            h.createUpdate("DELETE FROM sync_target_change WHERE connection_id = :c")
                .bind("c", connectionId)
                .execute());
  }

  private static StoredTargetChange row(ResultSet rs, StatementContext ctx) throws SQLException {
    TargetChange change =
        new TargetChange(
            rs.getString("connection_id"),
            rs.getString("item_id"),
            rs.getString("trigger_type"),
            ChangeKind.valueOf(rs.getString("kind")),
            Micros.toInstant(rs.getLong("target_version")),
            Json.read(rs.getString("payload")),
            rs.getString("delivery_key"),
            Micros.toInstant(rs.getLong("received_at")));
    long lease = rs.getLong("lease_until");
    Instant leaseUntil = rs.wasNull() ? null : Micros.toInstant(lease);
    return new StoredTargetChange(
        rs.getLong("id"),
        change,
        JobState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        Micros.toInstant(rs.getLong("run_at")),
        rs.getString("lease_owner"),
        leaseUntil,
        Micros.toInstant(rs.getLong("updated_at")),
        rs.getString("last_error"));
  }
}
