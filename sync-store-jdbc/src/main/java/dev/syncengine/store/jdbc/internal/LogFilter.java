package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/** The WHERE clause of a sync log query, and its bindings. Immutable. */
record LogFilter(
    String connectionId,
    Collection<LogStatus> statuses,
    String recordId,
    Instant from,
    Instant to,
    String action) {

  static LogFilter of(LogQuery q) {
    return new LogFilter(
        q.connectionId(), q.statuses(), q.recordId(), q.from(), q.to(), q.action());
  }

  static LogFilter window(String connectionId, Instant from, Instant to, LogStatus... statuses) {
    return new LogFilter(connectionId, List.of(statuses), null, from, to, null);
  }

  String where() {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (connectionId != null) {
      sql.append(" AND connection_id = :connectionId");
    }
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (<statuses>)");
    }
    if (recordId != null) {
      sql.append(" AND record_id = :recordId");
    }
    if (action != null) {
      sql.append(" AND action = :action");
    }
    if (from != null) {
      sql.append(" AND logged_at >= :from");
    }
    if (to != null) {
      sql.append(" AND logged_at < :to");
    }
    return sql.toString();
  }

  <S extends SqlStatement<S>> S bind(S statement) {
    statement.bind("connectionId", connectionId).bind("recordId", recordId);
    statement.bind("action", action);
    statement.bind("from", Micros.ofNullable(from)).bind("to", Micros.ofNullable(to));
    if (!statuses.isEmpty()) {
      statement.bindList("statuses", statuses.stream().map(Enum::name).toList());
    }
    return statement;
  }
}
