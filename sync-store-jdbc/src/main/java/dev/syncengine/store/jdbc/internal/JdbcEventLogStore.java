package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.memory.Percentiles;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link EventLogStore} on JDBC. Thread-safe. */
public final class JdbcEventLogStore implements EventLogStore {
  private static final int MAX_MESSAGE = 2000;
  private static final int MAX_BUCKETS = 10_000;

  private static final String SELECT =
      "SELECT id, connection_id, job_id, record_id, item_id, action, status, attempt, error_code,"
          + " message, duration_ms, latency_ms, logged_at, detail FROM sync_event_log";

  private static final String INSERT =
      "INSERT INTO sync_event_log (connection_id, job_id, record_id, item_id, action, status,"
          + " attempt, error_code, message, duration_ms, latency_ms, logged_at, detail) VALUES"
          + " (:connectionId, :jobId, :recordId, :itemId, :action, :status, :attempt, :errorCode,"
          + " :message, :durationMs, :latencyMs, :at, :detail)";

  private static final RowMapper<LogEntry> MAPPER =
      (rs, ctx) ->
          new LogEntry(
              rs.getLong("id"),
              rs.getString("connection_id"),
              rs.getLong("job_id"),
              rs.getString("record_id"),
              rs.getString("item_id"),
              rs.getString("action"),
              LogStatus.valueOf(rs.getString("status")),
              rs.getInt("attempt"),
              rs.getString("error_code"),
              rs.getString("message"),
              rs.getLong("duration_ms"),
              rs.getLong("latency_ms"),
              Micros.toInstant(rs.getLong("logged_at")),
              Json.read(rs.getString("detail")));

  private final Db db;

  public JdbcEventLogStore(Db db) {
    this.db = db;
  }

  @Override
  public void append(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.tx(
        h -> {
          PreparedBatch batch = h.prepareBatch(INSERT);
          for (LogEntry e : entries) {
            batch
                .bind("connectionId", e.connectionId())
                .bind("jobId", e.jobId())
                .bind("recordId", e.recordId())
                .bind("itemId", e.itemId())
                .bind("action", e.action())
                .bind("status", e.status().name())
                .bind("attempt", e.attempt())
                .bind("errorCode", e.errorCode())
                .bind("message", truncate(e.message()))
                .bind("durationMs", e.durationMs())
                .bind("latencyMs", e.latencyMs())
                .bind("at", Micros.of(e.at()))
                .bind("detail", Json.write(e.detail()))
                .add();
          }
          return batch.execute();
        });
  }

  @Override
  public List<LogEntry> query(LogQuery query) {
    LogFilter f = LogFilter.of(query);
    String sql =
        SELECT + f.where() + " ORDER BY logged_at DESC, id DESC LIMIT :limit OFFSET :offset";
    return db.tx(
        h ->
            f.bind(h.createQuery(sql))
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .map(MAPPER)
                .list());
  }

  @Override
  public long count(LogQuery query) {
    LogFilter f = LogFilter.of(query);
    return db.tx(
        h ->
            f.bind(h.createQuery("SELECT COUNT(*) FROM sync_event_log" + f.where()))
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Optional<LogEntry> find(long id) {
    return db.tx(
        h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(MAPPER).findOne());
  }

  @Override
  public List<Bucket> volume(String connectionId, Instant from, Instant to, Duration bucket) {
    long fromMicros = Micros.of(from);
    long span = Micros.of(to) - fromMicros;
    long width = bucket.toNanos() / 1_000;
    if (width <= 0) {
      throw new IllegalArgumentException("bucket must be at least 1 microsecond");
    }
    long n = span <= 0 ? 0 : (span + width - 1) / width;
    if (n > MAX_BUCKETS) {
      throw new IllegalArgumentException("too many buckets: " + n + " (max " + MAX_BUCKETS + ")");
    }
    List<Map<LogStatus, Long>> counts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<LogStatus, Long> m = new EnumMap<>(LogStatus.class);
      for (LogStatus s : LogStatus.values()) {
        m.put(s, 0L);
      }
      counts.add(m);
    }
    if (n > 0) {
      LogFilter f = LogFilter.window(connectionId, from, to);
      String b = db.dialect().intDiv("logged_at - :origin", ":width");
      String sql =
          "SELECT b, status, COUNT(*) AS n FROM (SELECT "
              + b
              + " AS b, status FROM sync_event_log"
              + f.where()
              + ") t GROUP BY b, status";
      db.tx(
              h ->
                  f.bind(h.createQuery(sql))
                      .bind("origin", fromMicros)
                      .bind("width", width)
                      .map(
                          (rs, ctx) ->
                              new Object[] {
                                rs.getLong("b"),
                                LogStatus.valueOf(rs.getString("status")),
                                rs.getLong("n")
                              })
                      .list())
          .forEach(r -> counts.get((int) (long) (Long) r[0]).put((LogStatus) r[1], (Long) r[2]));
    }
    List<Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      buckets.add(new Bucket(Micros.toInstant(fromMicros + i * width), counts.get(i)));
    }
    return buckets;
  }

  @Override
  public Latency latency(String connectionId, Instant from, Instant to) {
    LogFilter f = LogFilter.window(connectionId, from, to, LogStatus.SUCCESS);
    String select = db.dialect().latencyPercentilesSelect();
    if (select != null) {
      return db.tx(
          h ->
              f.bind(h.createQuery(select + " FROM sync_event_log" + f.where()))
                  .map(
                      (rs, ctx) -> {
                        long count = rs.getLong("n");
                        return count == 0
                            ? new Latency(0, 0, 0, 0)
                            : new Latency(
                                count, rs.getLong("p50"), rs.getLong("p95"), rs.getLong("p99"));
                      })
                  .one());
    }
    long[] sorted =
        db
            .tx(
                h ->
                    f.bind(
                            h.createQuery(
                                "SELECT latency_ms FROM sync_event_log"
                                    + f.where()
                                    + " ORDER BY latency_ms"))
                        .mapTo(Long.class)
                        .list())
            .stream()
            .mapToLong(Long::longValue)
            .toArray();
    return Percentiles.of(sorted);
  }

  @Override
  public List<ErrorCount> topErrors(String connectionId, Instant from, Instant to, int limit) {
    LogFilter f = LogFilter.window(connectionId, from, to, LogStatus.RETRY, LogStatus.DEAD);
    String sql =
        "SELECT error_code, MAX(message) AS message, COUNT(*) AS n FROM sync_event_log"
            + f.where()
            + " GROUP BY error_code ORDER BY n DESC, error_code LIMIT :limit";
    return db.tx(
        h ->
            f.bind(h.createQuery(sql))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new ErrorCount(
                            rs.getString("error_code"), rs.getString("message"), rs.getLong("n")))
                .list());
  }

  @Override
  public int purge(Instant before) {
    return db.tx(
        h ->
            h.createUpdate("DELETE FROM sync_event_log WHERE logged_at < :before")
                .bind("before", Micros.of(before))
                .execute());
  }

  private static String truncate(String message) {
    return message == null || message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE);
  }
}
